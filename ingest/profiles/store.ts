// Saved user profiles: an analyst's corrections kept as YAML under <home>/profiles/, reused for the same headers.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { InvalidInputError, isEngineError, NotFoundError } from '../../engine/errors.ts';
import type { Kind } from '../types.ts';
import { loadProfile, type Profile, type ProfileSpec } from './profile.ts';

export interface SavedProfileInfo {
  name: string;
  kind: Kind;
  /** Fingerprint of the header set the profile is reused for (absent for a profile matched by headers only). */
  fingerprint: string | null;
  headers: string[];
  savedAt: string | null;
  savedBy: string | null;
}

export interface SavedProfile extends SavedProfileInfo {
  spec: ProfileSpec;
  /** The file as stored: what `--profile` accepts. */
  yaml: string;
}

const EXTENSION = '.yaml';
/** Who saved it and when ride in a comment line, so the file stays a plain profile that `--profile` reads. */
const META = /^# qingfeng-saved: (\{.*\})$/m;
const MAX_NAME = 60;

export const profilesDir = (home: string) => join(home, 'profiles');

/**
 * A name usable as a file name on every system: letters (any script), digits, `_` and `-`; anything else
 * becomes `-`. Leading dots and dashes go, so a name can never walk out of the folder or hide.
 */
export function safeProfileName(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, MAX_NAME);
  return cleaned || 'profile';
}

function pathOf(home: string, name: string): string | undefined {
  // Only names this store could have made are looked up: anything else (`../x`) is simply not there.
  if (!name || safeProfileName(name) !== name) return undefined;
  const path = join(profilesDir(home), `${name}${EXTENSION}`);
  return existsSync(path) ? path : undefined;
}

function notFound(name: string): NotFoundError {
  return new NotFoundError('profile.notFound', `没有此配置文件：${name} / No such saved profile: ${name}`, {
    details: { name },
  });
}

function fingerprintOf(spec: ProfileSpec): string | null {
  // `match.fingerprint` is optional in the schema: profiles written by hand match by headers only.
  const match = spec.match as { fingerprint?: string } | undefined;
  return match?.fingerprint ?? null;
}

/** The headers a profile reads, for a profile matched by fingerprint alone (what `--plan` writes). */
function headersRead(spec: ProfileSpec): string[] {
  const headers = Object.values(spec.fields).map((rule) => (typeof rule === 'string' ? rule : rule.header));
  return [...new Set(headers.filter((h): h is string => h !== undefined))];
}

function readSaved(path: string, name: string): SavedProfile & { profile: Profile } {
  const yaml = readFileSync(path, 'utf8');
  const profile = loadProfile(path);
  let meta: { savedAt?: string; savedBy?: string } = {};
  try {
    meta = JSON.parse(META.exec(yaml)?.[1] ?? '{}');
  } catch {
    // A hand-edited comment: the profile is still good, only its history is unknown.
  }
  return {
    name,
    kind: profile.spec.kind,
    fingerprint: fingerprintOf(profile.spec),
    headers: profile.spec.match?.headers ?? headersRead(profile.spec),
    savedAt: meta.savedAt ?? null,
    savedBy: meta.savedBy ?? null,
    spec: profile.spec,
    yaml,
    profile,
  };
}

/** Every loadable saved profile, by name; a file edited into something invalid is said on the log and left out. */
function readAll(home: string): (SavedProfile & { profile: Profile })[] {
  const dir = profilesDir(home);
  if (!existsSync(dir)) return [];
  const out: (SavedProfile & { profile: Profile })[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(EXTENSION) || file.startsWith('.')) continue;
    try {
      out.push(readSaved(join(dir, file), file.slice(0, -EXTENSION.length)));
    } catch (error) {
      // One broken file must not stop every ingest.
      process.stderr.write(`[qingfeng] saved profile ${file} skipped: ${(error as Error).message}\n`);
    }
  }
  return out;
}

/**
 * Saves a profile under a safe, unique name (`name`, `name-2`…) and returns that name. The spec is checked by
 * reading the written file back exactly as ingest will (schema and the kind's fields) before it takes its name,
 * so a bad spec leaves nothing behind: InvalidInputError `profile.invalid` or `profile.unknownField`.
 */
export function saveProfile(home: string, spec: ProfileSpec, by?: string): string {
  const dir = profilesDir(home);
  mkdirSync(dir, { recursive: true });
  const base = safeProfileName(spec.name ?? '');
  let name = base;
  for (let n = 2; existsSync(join(dir, `${name}${EXTENSION}`)); n += 1) name = `${base}-${n}`;
  const meta = { savedAt: new Date().toISOString(), ...(by ? { savedBy: by } : {}) };
  const text = [
    `# 清风 Qingfeng 已保存的字段映射 / saved mapping profile: ${name}`,
    `# qingfeng-saved: ${JSON.stringify(meta)}`,
    stringify({ ...spec, name }),
  ].join('\n');
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  try {
    loadProfile(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    if (isEngineError(error) && error.id !== 'profile.invalid') throw error;
    const field = isEngineError(error) ? error.details.field : undefined;
    throw new InvalidInputError(
      'profile.invalid',
      `配置文件无效，未保存 / Invalid profile, not saved${field ? `: ${String(field)}` : ''}`,
      { details: { field: field ?? null } },
    );
  }
  renameSync(temp, join(dir, `${name}${EXTENSION}`));
  return name;
}

/** Every saved profile's name, kind, fingerprint and headers, by name; files that no longer load are left out. */
export function listSavedProfiles(home: string): SavedProfileInfo[] {
  return readAll(home).map(({ spec: _s, yaml: _y, profile: _p, ...info }) => info);
}

/** One saved profile with its YAML; NotFoundError `profile.notFound` when there is none of that name. */
export function getSavedProfile(home: string, name: string): SavedProfile {
  const path = pathOf(home, name);
  if (!path) throw notFound(name);
  const { profile: _profile, ...saved } = readSaved(path, name);
  return saved;
}

/** Deletes a saved profile; NotFoundError `profile.notFound` when there is none of that name. */
export function removeProfile(home: string, name: string): void {
  const path = pathOf(home, name);
  if (!path) throw notFound(name);
  rmSync(path);
}

/** The saved profiles as ingest uses them (matched automatically by header fingerprint or headers). */
export function loadSavedProfiles(home: string): Profile[] {
  return readAll(home).map((saved) => saved.profile);
}
