// The import screen (导入数据), opened from the toolbar by users who may run ingest: choose or drop files, see
// what ingest understood of each table before anything is loaded, correct a kind or a column, start, follow the job.
import '../styles/import.css';
import type { JobView, PlanAnswer } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { t } from '../i18n/index.ts';
import { clear, h, icon } from '../ui/dom.ts';
import { reportError } from './analysis-ui.ts';
import { importApi } from './import-api.ts';
import { type TableEditor, tableEditor } from './import-plan.ts';
import { profilesList } from './import-profiles.ts';
import { followJob } from './import-summary.ts';

interface ImportScreen {
  open: () => void;
}

/** One screen per workspace: closing it keeps a plan or a running job for when it is opened again. */
const screens = new WeakMap<AppContext, ImportScreen>();

export function openImport(ctx: AppContext): void {
  let screen = screens.get(ctx);
  if (!screen) {
    screen = createImportScreen(ctx);
    screens.set(ctx, screen);
  }
  screen.open();
}

function createImportScreen(ctx: AppContext): ImportScreen {
  const api = importApi(ctx);
  const profiles = profilesList(ctx, api);
  const main = h('div', { class: 'imp-main', id: 'imp-main' });
  // No `accept` filter: the server names the types it reads when it refuses one, from its own list.
  const input = h('input', { type: 'file', id: 'imp-files', multiple: true });
  const drop = h(
    'label',
    { class: 'imp-drop', id: 'imp-drop', for: 'imp-files' },
    h('span', { i18n: 'import.drop' }),
    input,
  );
  const close = h(
    'button',
    { type: 'button', class: 'tool', id: 'imp-close', i18nTitle: 'import.close' },
    icon('close'),
  );
  const dialog = h(
    'div',
    { class: 'imp-dialog', role: 'dialog', 'aria-modal': 'true' },
    h('header', { class: 'imp-top' }, h('h2', { i18n: 'import.title' }), close),
    h('div', { class: 'imp-body' }, main, profiles.element),
  );
  const overlay = h('div', { class: 'imp-overlay', id: 'imp-screen' }, dialog);
  overlay.hidden = true;
  let editors: TableEditor[] = [];
  // A newer step (another upload, closing the workspace) makes an older job's polling stop.
  let generation = 0;

  const choose = () => {
    generation += 1;
    editors = [];
    input.value = '';
    clear(main);
    main.append(drop);
  };

  const showPlan = (plan: PlanAnswer) => {
    clear(main);
    editors = plan.tables.map((table, i) => tableEditor(table, i, () => paintChanges()));
    const changes = h('span', { class: 'muted', id: 'imp-changes' });
    const save = h('input', { type: 'checkbox', id: 'imp-save' });
    const start = h('button', {
      type: 'button',
      class: 'btn primary',
      id: 'imp-start',
      i18n: 'import.start',
    });
    const back = h('button', {
      type: 'button',
      class: 'btn',
      id: 'imp-back',
      i18n: 'import.again',
      onclick: choose,
    });
    // Only corrections are saved: a plan read right without one needs no profile to be read so again.
    const paintChanges = () => {
      const n = editors.filter((e) => e.correction()).length;
      changes.textContent = n ? t('import.changed', { n }) : save.checked ? t('import.nothingToSave') : '';
    };
    save.addEventListener('change', paintChanges);
    start.addEventListener('click', () => {
      start.disabled = true;
      const corrections = editors.map((e) => e.correction()).filter((c) => c !== null);
      void api
        .start(plan.planId, corrections, save.checked)
        .then(({ job }) => runJob(job, save.checked))
        .catch((error: unknown) => {
          start.disabled = false;
          reportError(ctx, error);
        });
    });
    main.append(
      h(
        'div',
        { class: 'imp-plan-head' },
        h('h3', { i18n: 'import.planTitle' }),
        h('span', { class: 'muted', text: t('import.tables', { n: plan.tables.length }) }),
      ),
      ...editors.map((e) => e.element),
      h(
        'div',
        { class: 'imp-actions' },
        h('label', { class: 'imp-inline' }, save, h('span', { i18n: 'import.save' })),
        changes,
        h('span', { class: 'spacer' }),
        back,
        start,
      ),
    );
  };

  const runJob = async (job: JobView, saved: boolean) => {
    const mine = ++generation;
    editors = [];
    clear(main);
    const summary = h('div', { class: 'imp-summary', id: 'imp-summary' });
    main.append(
      summary,
      h(
        'div',
        { class: 'imp-actions' },
        h('button', { type: 'button', class: 'btn', id: 'imp-again', i18n: 'import.again', onclick: choose }),
      ),
    );
    // A saved correction is listed at once; the job need not end for that.
    if (saved) void profiles.reload();
    try {
      const done = await followJob(summary, api, job, () => mine === generation && overlay.isConnected);
      // The screen may be closed by then: the status bar says the data is in.
      if (done.state === 'done') {
        const loaded = (done.result?.files ?? []).reduce((n, f) => n + f.loaded + f.merged, 0);
        ctx.bus.emit('notice', { text: t('import.done', { n: loaded }) });
      }
    } catch (error) {
      reportError(ctx, error);
    }
  };

  const plan = async (files: File[]) => {
    if (!files.length) return;
    const mine = ++generation;
    clear(main);
    main.append(
      h('p', { class: 'muted', id: 'imp-reading', text: t('import.reading', { n: files.length }) }),
    );
    try {
      const answer = await api.plan(files);
      if (mine === generation) showPlan(answer);
    } catch (error) {
      reportError(ctx, error);
      if (mine === generation) choose();
    }
  };

  input.addEventListener('change', () => void plan([...(input.files ?? [])]));
  // Dropping files anywhere on the drop zone reads them as choosing them would.
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void plan([...(e.dataTransfer?.files ?? [])]);
  });
  // A file dropped beside the zone (or over a plan) must not make the browser open it and leave the workspace.
  for (const name of ['dragover', 'drop'] as const) overlay.addEventListener(name, (e) => e.preventDefault());
  const hide = () => {
    overlay.hidden = true;
  };
  close.addEventListener('click', hide);
  overlay.addEventListener('click', (e) => {
    if (e.target === overlay) hide();
  });
  overlay.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  ctx.bus.on('lang', () => {
    for (const editor of editors) editor.refresh();
  });
  choose();

  return {
    open: () => {
      // The overlay lives inside the workspace, so logging out takes it away with everything else.
      const host = document.getElementById('workspace') ?? document.body;
      if (overlay.parentElement !== host) host.append(overlay);
      overlay.hidden = false;
      void profiles.reload();
    },
  };
}
