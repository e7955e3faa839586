// What the import screen reads: the kinds ingest knows and their fields (a list the build derives from
// ingest/profiles/families.ts, see vite.config.ts), and the calls to plan, start, follow and keep profiles.
import type { JobView, PlanAnswer, PlanCorrection, QuarantineAnswer, SavedProfile } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { lang, type StringKey, t } from '../i18n/index.ts';
import { STRINGS } from '../i18n/strings.ts';

export interface KindInfo {
  kind: string;
  /** The family's Chinese name (银行流水). */
  zh: string;
  /** Canonical fields, with the first header spelling ingest knows as the Chinese caption. */
  fields: { name: string; zh: string }[];
  /** Each inner list is alternatives: at least one must be mapped. */
  required: string[][];
}

declare const __QINGFENG_KINDS__: KindInfo[] | undefined;

/** Empty outside a vite build (unit tests of other modules may import this one). */
const KINDS: KindInfo[] = typeof __QINGFENG_KINDS__ === 'undefined' ? [] : __QINGFENG_KINDS__;

export function kindList(): readonly KindInfo[] {
  return KINDS;
}

export function kindInfo(kind: string | null | undefined): KindInfo | undefined {
  return kind ? KINDS.find((k) => k.kind === kind) : undefined;
}

/** `银行流水` / `Bank statement`; a kind the strings do not name yet falls back to its family name, then its id. */
export function kindLabel(kind: string): string {
  const key = `kind.${kind}` as StringKey;
  if (key in STRINGS) return t(key);
  return lang() === 'en' ? kind : (kindInfo(kind)?.zh ?? kind);
}

/** `本方账号 ownAccount` in Chinese, `ownAccount (本方账号)` in English: the field's id is what profiles hold. */
export function fieldLabel(kind: string | null, field: string): string {
  const zh = kindInfo(kind)?.fields.find((f) => f.name === field)?.zh;
  if (!zh || zh === field) return field;
  return lang() === 'en' ? `${field} (${zh})` : `${zh}（${field}）`;
}

/** Required meanings of `kind` that none of `fields` gives, each as `a / b` alternatives. */
export function missingRequired(kind: string | null, fields: Iterable<string | null>): string[] {
  const info = kindInfo(kind);
  if (!info) return [];
  const given = new Set([...fields].filter((f): f is string => !!f));
  return info.required
    .filter((alternatives) => !alternatives.some((f) => given.has(f)))
    .map((alternatives) => alternatives.map((f) => fieldLabel(kind, f)).join(' / '));
}

// --- calls ------------------------------------------------------------------------------------------------
export interface ImportApi {
  plan: (files: File[]) => Promise<PlanAnswer>;
  start: (planId: string, corrections: PlanCorrection[], save: boolean) => Promise<{ job: JobView }>;
  job: (jobId: string) => Promise<{ job: JobView }>;
  quarantine: (jobId: string, limit: number) => Promise<QuarantineAnswer>;
  profiles: () => Promise<SavedProfile[]>;
  removeProfile: (name: string) => Promise<void>;
}

export function importApi(ctx: AppContext): ImportApi {
  const api = ctx.api;
  return {
    plan: (files) => {
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      return api.request('POST', '/ingest/plan', { body: form });
    },
    start: (planId, corrections, save) =>
      api.post(`/ingest/plan/${encodeURIComponent(planId)}/start`, {
        ...(corrections.length ? { corrections } : {}),
        save,
      }),
    job: (jobId) => api.get(`/ingest/jobs/${encodeURIComponent(jobId)}`),
    quarantine: (jobId, limit) => api.get(`/ingest/jobs/${encodeURIComponent(jobId)}/quarantine`, { limit }),
    profiles: async () => (await api.get<{ profiles: SavedProfile[] }>('/profiles')).profiles,
    removeProfile: async (name) => {
      await api.request('DELETE', `/profiles/${encodeURIComponent(name)}`);
    },
  };
}
