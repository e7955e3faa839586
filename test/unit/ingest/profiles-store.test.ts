// Saved user profiles: safe unique names, schema checked before saving, listed, shown, removed, loaded for ingest.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../../../engine/errors.ts';
import { headerFingerprint } from '../../../ingest/layout/fingerprint.ts';
import { loadProfile, type ProfileSpec } from '../../../ingest/profiles/profile.ts';
import {
  getSavedProfile,
  listSavedProfiles,
  loadSavedProfiles,
  profilesDir,
  removeProfile,
  safeProfileName,
  saveProfile,
} from '../../../ingest/profiles/store.ts';

let home: string;
const HEADERS = ['逝者', '证件', '殁日'];
const FINGERPRINT = headerFingerprint(HEADERS);

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'qf-profile-store-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const deaths = (name: string): ProfileSpec =>
  ({
    name,
    kind: 'death',
    idValidation: 'gb',
    match: { headers: HEADERS, fingerprint: FINGERPRINT },
    fields: { name: '逝者', idNumber: '证件', deathDate: { header: '殁日' } },
  }) as ProfileSpec;

describe('saveProfile', () => {
  it('saves under a safe name, unique when taken, as a file --profile reads', () => {
    const first = saveProfile(home, deaths('民政 火化/登记'), 'analyst');
    expect(first).toBe('民政-火化-登记');
    const second = saveProfile(home, deaths('民政 火化/登记'));
    expect(second).toBe('民政-火化-登记-2');
    const profile = loadProfile(join(profilesDir(home), `${first}.yaml`));
    expect(profile.name).toBe(first);
    expect(profile.spec.fields).toMatchObject({ idNumber: '证件' });
  });

  it('never writes outside its folder, whatever the name says', () => {
    const name = saveProfile(home, deaths('../../etc/passwd'));
    expect(name).toBe('etc-passwd');
    expect(readdirSync(profilesDir(home))).toEqual(['etc-passwd.yaml']);
    expect(safeProfileName('...')).toBe('profile');
    expect(safeProfileName('.hidden')).toBe('hidden');
  });

  it('refuses a spec that fails the schema or names a field the kind lacks, leaving nothing', () => {
    const badKind = { ...deaths('x'), kind: 'lottery' } as unknown as ProfileSpec;
    expect(() => saveProfile(home, badKind)).toThrow(InvalidInputError);
    try {
      saveProfile(home, badKind);
    } catch (error) {
      expect((error as InvalidInputError).id).toBe('profile.invalid');
    }
    const badField = { ...deaths('y'), fields: { salary: '工资' } } as ProfileSpec;
    expect(() => saveProfile(home, badField)).toThrow(
      expect.objectContaining({ id: 'profile.unknownField' }),
    );
    expect(readdirSync(profilesDir(home))).toEqual([]);
  });
});

describe('listing, showing, removing and loading', () => {
  it('lists name, kind, fingerprint, headers and who saved it when', () => {
    saveProfile(home, deaths('b-deaths'), 'analyst');
    saveProfile(home, { ...deaths('a-deaths'), match: { headers: ['逝者'] } } as ProfileSpec);
    const list = listSavedProfiles(home);
    expect(list.map((p) => p.name)).toEqual(['a-deaths', 'b-deaths']);
    expect(list[1]).toMatchObject({
      kind: 'death',
      fingerprint: FINGERPRINT,
      headers: ['逝者', '证件', '殁日'],
      savedBy: 'analyst',
    });
    expect(Date.parse(list[1]!.savedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(list[0]).toMatchObject({ fingerprint: null, savedBy: null });
  });

  it('shows one with its YAML, and says a missing or unsafe name is not found', () => {
    const name = saveProfile(home, deaths('deaths'));
    const saved = getSavedProfile(home, name);
    expect(saved.yaml).toContain('kind: death');
    expect(saved.spec.kind).toBe('death');
    expect(() => getSavedProfile(home, 'nothing')).toThrow(NotFoundError);
    expect(() => getSavedProfile(home, '../profiles/deaths')).toThrow(
      expect.objectContaining({ id: 'profile.notFound' }),
    );
  });

  it('removes a profile, and refuses to remove one that is not there', () => {
    const name = saveProfile(home, deaths('deaths'));
    removeProfile(home, name);
    expect(existsSync(join(profilesDir(home), `${name}.yaml`))).toBe(false);
    expect(() => removeProfile(home, name)).toThrow(expect.objectContaining({ id: 'profile.notFound' }));
  });

  it('loads the saved profiles for ingest, matching their headers, and leaves out a broken file', () => {
    expect(loadSavedProfiles(home)).toEqual([]);
    saveProfile(home, deaths('deaths'));
    writeFileSync(join(profilesDir(home), 'broken.yaml'), 'kind: [');
    const profiles = loadSavedProfiles(home);
    expect(profiles.map((p) => p.name)).toEqual(['deaths']);
    expect(profiles[0]!.matches(['殁日', '逝者', '证件'], 'x.csv')).toBe(true);
    expect(profiles[0]!.matches(['逝者', '证件', '殁日', '火化日期'], 'x.csv')).toBe(false);
    expect(listSavedProfiles(home).map((p) => p.name)).toEqual(['deaths']);
  });
});
