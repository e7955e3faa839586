// A case's work notes: author and time, "edited" marks, a new note, and the author's edit of their own note.
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type CaseNote, caseApi } from './case-api.ts';
import { type CaseScreen, rowButton, section, when } from './status-form.ts';

/** One note; its author gets an edit button that swaps the text for a box with save and cancel. */
function noteItem(screen: CaseScreen, note: CaseNote): HTMLElement {
  const { ctx, caseId } = screen;
  const text = h('div', { class: 'note-text', text: note.text });
  const head = h(
    'div',
    { class: 'muted' },
    `${when(note.at)} ${note.author}`,
    note.editedAt
      ? h('span', { class: 'note-edited', text: ` · ${t('cases.noteEdited', { at: when(note.editedAt) })}` })
      : null,
  );
  const item = h('li', { dataset: { note: note.noteId } }, head, text);
  if (note.author !== ctx.me.username) return item;

  const edit = rowButton('case-note-edit', 'cases.editNote', () => {
    const box = h('textarea', {
      class: 'input case-note-edit-text',
      rows: 3,
    });
    box.value = note.text;
    const form = h(
      'form',
      { class: 'case-note-edit-form' },
      box,
      h('button', { type: 'submit', class: 'btn small primary case-note-save', text: t('clues.save') }),
      h('button', {
        type: 'button',
        class: 'btn small case-note-cancel',
        text: t('cases.cancel'),
        onclick: () => {
          form.replaceWith(text);
          edit.hidden = false;
        },
      }),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const changed = box.value.trim();
      if (!changed || changed === note.text) {
        form.replaceWith(text);
        edit.hidden = false;
        return;
      }
      caseApi
        .editNote(ctx.api, caseId, note.noteId, changed)
        .then(() => screen.reload())
        .catch(screen.report);
    });
    text.replaceWith(form);
    edit.hidden = true;
    box.focus();
  });
  head.append(' ', edit);
  return item;
}

export function renderCaseNotes(screen: CaseScreen): HTMLElement {
  const { ctx, detail, caseId } = screen;
  const notes = h('ul', { class: 'case-notes', id: 'case-notes' });
  for (const note of detail.notes) notes.append(noteItem(screen, note));

  const noteText = h('textarea', {
    class: 'input',
    id: 'case-note-text',
    rows: 3,
    placeholder: t('cases.notePlaceholder'),
  });
  const noteForm = h(
    'form',
    { class: 'case-note-form' },
    noteText,
    h('button', {
      type: 'submit',
      class: 'btn small primary',
      id: 'case-note-add',
      text: t('cases.addNote'),
    }),
  );
  noteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = noteText.value.trim();
    if (!text) return;
    caseApi
      .addNote(ctx.api, caseId, text)
      .then(() => screen.reload())
      .catch(screen.report);
  });
  return section(t('cases.notes', { n: detail.notes.length }), notes, noteForm);
}
