// A case's subjects: drawn on the canvas on click, roles in words, the canvas selection added, one removed.
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type CaseSubject, caseApi } from './case-api.ts';
import {
  type CaseScreen,
  confirmThen,
  rowButton,
  section,
  selectedRefs,
  smallButton,
  subjectRole,
} from './status-form.ts';

export function renderCaseSubjects(screen: CaseScreen): HTMLElement {
  const { ctx, detail, caseId } = screen;

  // Subjects on the canvas: drawn (if missing) and focused.
  const asNode = (s: CaseSubject) => ({ id: s.id, type: s.type, key: s.key, label: s.label, props: {} });
  const draw = (subjects: CaseSubject[], focus: boolean) => {
    ctx.commands.show({ nodes: subjects.map(asNode), edges: [] }, { seeds: 'all', highlight: true });
    ctx.selection.set(subjects.map((s) => s.id));
    if (focus && subjects[0]) {
      ctx.bus.emit('focus', { id: subjects[0].id });
      requestAnimationFrame(() => ctx.canvas.focusNode(subjects[0]!.id));
    } else requestAnimationFrame(() => ctx.canvas.fit());
  };

  const list = h('ul', { class: 'case-subjects', id: 'case-subjects' });
  for (const s of detail.subjects)
    list.append(
      h(
        'li',
        { class: 'clickable', dataset: { id: s.id, key: s.key }, onclick: () => draw([s], true) },
        h('span', { class: 'badge', dataset: { role: s.role ?? '' }, text: subjectRole(ctx, s.role) }),
        h('span', { text: ` ${s.label || s.key}` }),
        h('span', { class: 'muted', text: ` ${s.type} · ${s.key} ` }),
        rowButton('case-subject-remove', 'cases.removeSubject', () =>
          confirmThen(screen, t('cases.removeSubjectConfirm', { name: s.label || s.key }), () =>
            caseApi.removeSubject(ctx.api, caseId, s.id),
          ),
        ),
      ),
    );
  const drawAll = detail.subjects.length
    ? smallButton('cases.drawSubjects', 'case-draw-subjects', () => draw(detail.subjects, false))
    : null;

  // Add what is selected on the canvas, with an optional role for all of them.
  const role = h('input', {
    class: 'input',
    id: 'case-subject-role',
    type: 'text',
    maxlength: 100,
    placeholder: t('cases.subjectRole'),
  });
  const add = h(
    'form',
    {
      class: 'case-subject-form',
      id: 'case-subject-form',
    },
    role,
  );
  add.append(
    h('button', {
      type: 'submit',
      class: 'btn small',
      id: 'case-subject-add',
      text: t('cases.addSelection'),
    }),
  );
  add.addEventListener('submit', (e) => {
    e.preventDefault();
    const refs = selectedRefs(ctx);
    if (!refs.length) {
      ctx.bus.emit('notice', { text: t('cases.selectFirst'), kind: 'error' });
      return;
    }
    const typed = role.value.trim();
    caseApi
      .addSubjects(
        ctx.api,
        caseId,
        refs.map((ref) => (typed ? { ref, role: typed } : { ref })),
      )
      .then((res) => {
        ctx.bus.emit('notice', { text: t('cases.subjectsAdded', { n: res.added }) });
        screen.reload();
      })
      .catch(screen.report);
  });
  return section(t('cases.subjects', { n: detail.subjects.length }), drawAll, list, add);
}
