// The login screen: POST /api/auth/login sets the HttpOnly session cookie; the page never sees the token.
import { type ApiClient, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { languageButton } from '../app/workspace.ts';
import { lang, sideOf, t } from '../i18n/index.ts';
import { h } from './dom.ts';

export function showLogin(
  root: HTMLElement,
  api: ApiClient,
  onLoggedIn: (me: Me) => void,
  notice?: string,
): void {
  const username = h('input', {
    type: 'text',
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    class: 'input',
  });
  const password = h('input', {
    type: 'password',
    id: 'login-password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
    class: 'input',
  });
  const error = h('p', { class: 'login-error', id: 'login-error', role: 'alert' });
  if (notice) error.textContent = notice;
  const submit = h('button', {
    type: 'submit',
    class: 'btn primary',
    id: 'login-submit',
    i18n: 'login.submit',
  });
  const form = h(
    'form',
    { class: 'login-card', id: 'login-form', novalidate: true },
    h(
      'div',
      { class: 'login-brand' },
      h('span', { class: 'brand-mark big', text: '清风' }),
      h('span', { class: 'login-title', i18n: 'app.title' }),
    ),
    h('p', { class: 'login-sub', i18n: 'app.tagline' }),
    h('label', { for: 'login-username', i18n: 'login.username' }),
    username,
    h('label', { for: 'login-password', i18n: 'login.password' }),
    password,
    error,
    submit,
    h('p', { class: 'login-foot', i18n: 'login.foot' }),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!username.value.trim() || !password.value) {
      error.textContent = t('login.missing');
      return;
    }
    submit.disabled = true;
    submit.textContent = t('login.working');
    try {
      api.lang = lang();
      const answer = await api.login(username.value.trim(), password.value);
      password.value = '';
      onLoggedIn(answer.user);
    } catch (failure) {
      if (failure instanceof ApiError && failure.id === 'auth.badLogin') error.textContent = t('login.bad');
      else if (failure instanceof ApiError) error.textContent = sideOf(failure.message);
      else error.textContent = String(failure);
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  });
  root.replaceChildren(
    h(
      'div',
      { class: 'login-screen', id: 'login-screen' },
      h('div', { class: 'login-lang' }, languageButton()),
      form,
    ),
  );
  username.focus();
}
