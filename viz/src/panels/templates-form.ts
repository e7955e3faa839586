// The template runner's parameter form: one input per declared parameter, by type; values read back typed.
import type { AppContext } from '../app/context.ts';
import { lang, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import type { TemplateParam } from './analysis-api.ts';

export interface ParamForm {
  element: HTMLElement;
  /** Values by parameter name; empty fields left out (the server applies defaults). */
  values: () => Record<string, unknown>;
}

/** The key of the first selected node whose type the parameter takes (masked keys are not offered). */
function selectedKey(ctx: AppContext, param: TemplateParam): { key: string; masked: boolean } | null {
  for (const id of ctx.selection.list) {
    if (!ctx.graph.hasNode(id)) continue;
    const a = ctx.graph.getNodeAttributes(id);
    if (param.labels && !param.labels.includes(a.type)) continue;
    return { key: a.key, masked: a.key.includes('*') };
  }
  return null;
}

function inputFor(
  ctx: AppContext,
  param: TemplateParam,
): { input: HTMLInputElement | HTMLSelectElement; hint: string } {
  const name = `tpl-param-${param.name}`;
  const initial = param.default === undefined || param.default === null ? '' : String(param.default);
  switch (param.type) {
    case 'enum': {
      const select = h('select', { id: name, name: param.name });
      if (!param.required) select.append(h('option', { value: '', text: '—' }));
      for (const option of param.options ?? []) select.append(h('option', { value: option, text: option }));
      select.value = initial || (param.required ? (param.options?.[0] ?? '') : '');
      return { input: select, hint: '' };
    }
    case 'integer':
    case 'float': {
      const input = h('input', { id: name, name: param.name, type: 'number', value: initial });
      input.step = param.type === 'integer' ? '1' : 'any';
      if (param.min !== undefined) input.min = String(param.min);
      if (param.max !== undefined) input.max = String(param.max);
      return { input, hint: '' };
    }
    case 'date':
      return { input: h('input', { id: name, name: param.name, type: 'date', value: initial }), hint: '' };
    case 'entityKey': {
      const input = h('input', { id: name, name: param.name, type: 'text', value: initial });
      const picked = selectedKey(ctx, param);
      let hint = t('templates.entityHint', { labels: (param.labels ?? []).join('/') });
      if (picked && !picked.masked) input.value = picked.key;
      if (picked?.masked) hint = t('templates.maskedKey');
      return { input, hint };
    }
    default:
      return { input: h('input', { id: name, name: param.name, type: 'text', value: initial }), hint: '' };
  }
}

export function buildParamForm(ctx: AppContext, params: readonly TemplateParam[]): ParamForm {
  const element = h('div', { class: 'tpl-form' });
  const inputs = new Map<string, { param: TemplateParam; input: HTMLInputElement | HTMLSelectElement }>();
  for (const param of params) {
    const { input, hint } = inputFor(ctx, param);
    inputs.set(param.name, { param, input });
    const caption = lang() === 'en' ? (param.en ?? param.zh) : param.zh;
    element.append(
      h(
        'label',
        { class: 'af-field wide' },
        h(
          'span',
          {},
          caption,
          param.required ? h('em', { class: 'req', text: ` *${t('templates.required')}` }) : null,
        ),
        input,
        hint || param.help
          ? h('small', { class: 'muted', text: [hint, param.help].filter(Boolean).join(' · ') })
          : null,
      ),
    );
  }
  const values = () => {
    const out: Record<string, unknown> = {};
    for (const [name, { param, input }] of inputs) {
      const text = input.value.trim();
      if (text === '') continue;
      out[name] = param.type === 'integer' || param.type === 'float' ? Number(text) : text;
    }
    return out;
  };
  return { element, values };
}
