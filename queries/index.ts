// Public entry of the query templates: the store, the builtin library, the guard and the runners the API/CLI call.
import type { Store } from '../engine/store/gateway.ts';
import { checkQueryLimits } from './limits.ts';
import { adHocParams, bindParams } from './params.ts';
import { type QueryAnswer, type RunLimits, runReadOnly } from './run.ts';
import { getTemplate } from './store.ts';
import type { Template } from './template.ts';

export { type BuiltinReport, ensureBuiltinTemplates, readBuiltinFiles } from './builtin.ts';
export { checkReadOnly, parameterNames, type RefusalReason } from './guard.ts';
export { parseTemplateFile, splitHeader } from './header.ts';
export { adHocParams, bindParams, checkDeclarations, inferDeclarations } from './params.ts';
export { checkRevealingUse, cutDatesWhenBirthRead, type RevealingUse, revealingUses } from './reveal.ts';
export { type QueryAnswer, type RunLimits, runLimits, runReadOnly } from './run.ts';
export {
  createTemplate,
  deleteTemplate,
  findTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from './store.ts';
export * from './template.ts';

export interface TemplateRun extends QueryAnswer {
  template: { id: string; version: number; title: string; titleEn: string | null };
  /** The values used, defaults applied, as plain JSON (what the audit log and a report appendix record). */
  params: Record<string, unknown>;
}

/** Runs a stored template (or one given whole) with values checked against its declarations. */
export async function runTemplate(
  store: Store,
  template: string | Template,
  values: Record<string, unknown>,
  limits: RunLimits,
): Promise<TemplateRun> {
  const found = typeof template === 'string' ? await getTemplate(store, template) : template;
  const { bound, plain } = bindParams(found.params, values);
  const answer = await runReadOnly(store, found.cypher, bound, limits);
  return {
    ...answer,
    template: { id: found.id, version: found.version, title: found.title, titleEn: found.titleEn },
    params: plain,
  };
}

/** Runs ad-hoc Cypher under the same guard and limits; whole numbers among the values bind as integers. */
export function runAdHoc(
  store: Store,
  cypher: string,
  values: Record<string, unknown>,
  limits: RunLimits,
): Promise<QueryAnswer> {
  checkQueryLimits(cypher, values); // before converting: 5,000-deep values must be refused, not recursed into
  return runReadOnly(store, cypher, adHocParams(values), limits);
}
