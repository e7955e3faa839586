// A case's team: the lead and members, and the editor the lead, analysts and admins get (PATCH lead, members).
import { pick, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type AssignableUser, caseApi } from './case-api.ts';
import { type CaseScreen, section, smallButton } from './status-form.ts';

/** `王五（inv3） · 办案人员`: the role named by the server (GET /cases/assignable sends roleName from ROLE_SPECS). */
export const userText = (u: AssignableUser): string => {
  const name = u.displayName ? `${u.displayName}（${u.username}）` : u.username;
  const role = pick(u.roleName);
  return role ? `${name} · ${role}` : name;
};

/** The same rule as the server's (case.leadOnly): the lead, or a role that sees every case. */
export function mayEditTeam(screen: CaseScreen): boolean {
  return screen.ctx.can('cases.all') || screen.ctx.me.username === screen.detail.case.lead;
}

export function renderCaseTeam(screen: CaseScreen): HTMLElement {
  const { ctx, detail, caseId } = screen;
  const c = detail.case;
  const summary = h(
    'div',
    { class: 'case-team', id: 'case-team' },
    h(
      'div',
      {},
      h('span', { class: 'muted', text: `${t('cases.lead')}: ` }),
      h('b', { id: 'case-lead', text: c.lead }),
    ),
    h(
      'div',
      {},
      h('span', { class: 'muted', text: `${t('cases.members')}: ` }),
      h('span', { id: 'case-members', text: c.members.join('、') || '—' }),
    ),
  );
  const body = section(t('cases.team'), summary);
  if (!mayEditTeam(screen)) return body;

  const lead = h('select', { class: 'input', id: 'case-team-lead' });
  const members = h('ul', {
    class: 'case-team-members',
    id: 'case-team-members',
  });
  const form = h(
    'form',
    {
      class: 'case-team-form',
      id: 'case-team-form',
    },
    h('label', { class: 'field' }, h('span', { text: t('cases.lead') }), lead),
    h('div', { class: 'muted', text: t('cases.members') }),
    members,
    h(
      'div',
      { class: 'detail-actions' },
      h('button', {
        type: 'submit',
        class: 'btn small primary',
        id: 'case-team-save',
        text: t('clues.save'),
      }),
      smallButton('cases.cancel', 'case-team-cancel', () => {
        form.hidden = true;
      }),
    ),
  );
  form.hidden = true;

  const fill = (users: AssignableUser[]) => {
    // Someone on the team but no longer assignable (disabled) stays listed, so saving does not drop them silently.
    const known = new Set(users.map((u) => u.username));
    const all = [
      ...users,
      ...[c.lead, ...c.members].filter((u) => !known.has(u)).map((username) => ({ username, role: '' })),
    ];
    lead.replaceChildren(...all.map((u) => h('option', { value: u.username, text: userText(u) })));
    lead.value = c.lead;
    members.replaceChildren(
      ...all.map((u) =>
        h(
          'li',
          {},
          h(
            'label',
            { class: 'check' },
            h('input', {
              type: 'checkbox',
              class: 'case-team-member',
              value: u.username,
              checked: c.members.includes(u.username),
            }),
            h('span', { text: userText(u) }),
          ),
        ),
      ),
    );
    leadIsNoMember();
  };
  /** The lead is on the team anyway: their member box is off and greyed. */
  const leadIsNoMember = () => {
    for (const box of members.querySelectorAll<HTMLInputElement>('input.case-team-member')) {
      box.disabled = box.value === lead.value;
      if (box.disabled) box.checked = false;
    }
  };
  lead.addEventListener('change', leadIsNoMember);

  let loaded = false;
  const edit = smallButton('cases.editTeam', 'case-team-edit', () => {
    if (!form.hidden) {
      form.hidden = true;
      return;
    }
    const open = () => {
      form.hidden = false;
      lead.focus();
    };
    if (loaded) return open();
    caseApi
      .assignable(ctx.api)
      .then((answer) => {
        loaded = true;
        fill(answer.users);
        open();
      })
      .catch(screen.report);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = [...members.querySelectorAll<HTMLInputElement>('input.case-team-member:checked')]
      .map((box) => box.value)
      .filter((name) => name !== lead.value);
    caseApi
      .setTeam(ctx.api, caseId, lead.value, chosen)
      .then(() => {
        ctx.bus.emit('notice', { text: t('cases.teamSaved') });
        screen.reload();
      })
      .catch(screen.report);
  });
  body.append(edit, form);
  return body;
}
