// The saved profiles list of the import screen: each correction saved as a profile, reused for files with the same
// headers; the analyst sees them here and removes one that no longer fits.
import type { SavedProfile } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { reportError } from './analysis-ui.ts';
import type { ImportApi } from './import-api.ts';
import { kindLabel } from './import-api.ts';

export interface ProfilesList {
  element: HTMLElement;
  /** Asks the server again (after a start that saved one, on opening the screen). */
  reload: () => Promise<void>;
}

export function profilesList(ctx: AppContext, api: ImportApi): ProfilesList {
  const list = h('ul', { class: 'imp-profiles', id: 'imp-profiles' });
  const element = h('section', { class: 'imp-side' }, h('h3', { i18n: 'import.profiles' }), list);
  let profiles: SavedProfile[] = [];

  const remove = async (profile: SavedProfile) => {
    if (!window.confirm(t('import.deleteConfirm', { name: profile.name }))) return;
    try {
      await api.removeProfile(profile.name);
      ctx.bus.emit('notice', { text: t('import.deleted', { name: profile.name }) });
      await reload();
    } catch (error) {
      reportError(ctx, error);
    }
  };

  const render = () => {
    clear(list);
    if (!profiles.length) {
      list.append(h('li', { class: 'muted', i18n: 'import.noProfiles' }));
      return;
    }
    for (const profile of profiles) {
      const about = [
        kindLabel(profile.kind),
        // A profile reused by header fingerprint lists no headers of its own.
        profile.headers.length ? t('import.profileHeaders', { n: profile.headers.length }) : '',
        profile.savedBy || profile.savedAt
          ? t('import.profileBy', { by: profile.savedBy ?? '', at: (profile.savedAt ?? '').slice(0, 10) })
          : '',
      ].filter(Boolean);
      list.append(
        h(
          'li',
          {
            dataset: { profile: profile.name },
            title: profile.headers.join('、') || (profile.fingerprint ?? ''),
          },
          h('div', { class: 'imp-profile-name', text: profile.name }),
          h('div', { class: 'muted small', text: about.join(' · ') }),
          h('button', {
            type: 'button',
            class: 'btn small imp-profile-delete',
            i18n: 'import.delete',
            onclick: () => void remove(profile),
          }),
        ),
      );
    }
  };

  const reload = async () => {
    try {
      profiles = await api.profiles();
    } catch (error) {
      reportError(ctx, error);
    }
    render();
  };

  ctx.bus.on('lang', render);
  render();
  return { element, reload };
}
