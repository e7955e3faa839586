// Model parameters: defaults merged with overrides, each value checked against its default's type; the as-of date.
import { InvalidInputError } from '../errors.ts';
import type { ModelDefinition, ModelId, ModelParams, ParamValue } from './types.ts';

function badParam(model: string, name: string, reason: string): InvalidInputError {
  return new InvalidInputError(
    'detect.badParam',
    `模型 ${model} 的参数 ${name} 无效：${reason} / Invalid parameter ${name} of model ${model}: ${reason}`,
    { details: { model, param: name } },
  );
}

/** A value given for a parameter, checked (and for text input converted) against the type of its default. */
function coerce(model: string, name: string, fallback: ParamValue, value: unknown): ParamValue {
  if (typeof fallback === 'number') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value.replaceAll(',', '')) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
      throw badParam(model, name, '需要非负数 / expected a number ≥ 0');
    return n;
  }
  if (typeof fallback === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw badParam(model, name, '需要 true 或 false / expected true or false');
  }
  if (Array.isArray(fallback)) {
    const list =
      typeof value === 'string'
        ? value
            .split(/[,，]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : value;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
      throw badParam(model, name, '需要文本列表 / expected a list of strings');
    return list as string[];
  }
  if (typeof value !== 'string') throw badParam(model, name, '需要文本 / expected text');
  return value;
}

/** Each model's defaults with the overrides applied; unknown models and parameters are refused. */
export function resolveParams(
  models: readonly ModelDefinition[],
  overrides: Record<string, Record<string, unknown>> = {},
): Map<ModelId, ModelParams> {
  const known = new Set(models.map((m) => m.id as string));
  for (const model of Object.keys(overrides))
    if (!known.has(model))
      throw new InvalidInputError(
        'detect.badParam',
        `参数指向未运行的模型 ${model} / Parameters given for a model that is not run: ${model}`,
        { details: { model } },
      );
  const out = new Map<ModelId, ModelParams>();
  for (const model of models) {
    const params: ModelParams = { ...model.defaults };
    for (const [name, value] of Object.entries(overrides[model.id] ?? {})) {
      const fallback = model.defaults[name];
      if (fallback === undefined)
        throw badParam(model.id, name, `可用参数 / known: ${Object.keys(model.defaults).join(', ')}`);
      params[name] = coerce(model.id, name, fallback, value);
    }
    out.set(model.id, params);
  }
  return out;
}

/** Parses CLI assignments `model.param=value` into the overrides object `resolveParams` takes. */
export function parseAssignments(assignments: readonly string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const text of assignments) {
    const match = /^([a-z_]+)\.([A-Za-z]+)=(.*)$/.exec(text.trim());
    if (!match)
      throw new InvalidInputError(
        'detect.badParam',
        `参数格式应为 模型.参数=值：${text} / Expected model.param=value: ${text}`,
        { details: { value: text } },
      );
    const [, model, name, value] = match;
    out[model!] ??= {};
    out[model!]![name!] = value!;
  }
  return out;
}

/** Today in the local calendar, YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The as-of date: given (checked to be a real YYYY-MM-DD date) or today. */
export function resolveAsOf(asOf: string | undefined): string {
  if (asOf === undefined || asOf === '') return today();
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(Date.parse(`${asOf}T00:00:00Z`));
  if (!ok || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf)
    throw new InvalidInputError(
      'detect.badAsOf',
      `基准日期应为 YYYY-MM-DD：${asOf} / --as-of must be a date YYYY-MM-DD: ${asOf}`,
      { details: { asOf } },
    );
  return asOf;
}

/** The date `years` years before `date` (Feb 29 → Feb 28 in common years). */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Parameter accessors that keep model code short and typed. */
export const num = (p: ModelParams, name: string): number => p[name] as number;
export const list = (p: ModelParams, name: string): string[] => p[name] as string[];
export const text = (p: ModelParams, name: string): string => p[name] as string;
export const flag = (p: ModelParams, name: string): boolean => p[name] as boolean;
