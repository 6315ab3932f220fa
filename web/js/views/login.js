// Sign-in page.
import { api } from '../api.js';
import { h } from '../dom.js';
import { field, setFieldError, setBusy, showSummary, showNotice } from '../forms.js';
import { t, formatTime } from '../i18n.js';

export const title = 'login.title';

export function render(main, ctx) {
  const username = field({
    id: 'username', name: 'username', label: t('login.username'), autocomplete: 'username',
    attrs: { autocapitalize: 'none', spellcheck: 'false', maxlength: 200 },
  });
  const password = field({
    id: 'password', name: 'password', label: t('login.password'), type: 'password',
    autocomplete: 'current-password', attrs: { maxlength: 1024 },
  });
  const button = h('button', { type: 'submit', class: 'button', text: t('login.submit') });
  const errors = h('div', { class: 'form-messages' });
  const notice = h('div', { class: 'form-messages' });
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'page-title' },
    errors, username, password, h('div', { class: 'actions' }, button));

  if (ctx.notice?.error) showSummary(errors, [ctx.notice.text]);
  else if (ctx.notice) showNotice(notice, ctx.notice);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (form.dataset.busy) return;
    const user = username.input.value.trim();
    const pass = password.input.value;
    setFieldError(username, user ? '' : t('login.error.usernameRequired'));
    setFieldError(password, pass ? '' : t('login.error.passwordRequired'));
    if (!user || !pass) {
      showSummary(errors, [!user && t('login.error.usernameRequired'), !pass && t('login.error.passwordRequired')].filter(Boolean));
      (user ? password : username).input.focus();
      return;
    }
    notice.replaceChildren();
    setBusy(form, true, button, t('login.busy'));
    try {
      const res = await api.login(user, pass);
      password.input.value = '';
      await ctx.signedIn(res);
    } catch (err) {
      setBusy(form, false, button, t('login.submit'));
      password.input.value = '';
      showSummary(errors, [loginError(err, ctx)]);
      password.input.focus();
    }
  });

  main.append(
    h('div', { class: 'narrow' },
      h('h1', { id: 'page-title', tabindex: '-1', text: t('login.title') }),
      h('p', { class: 'lead', text: t('app.tagline') }),
      notice,
      h('div', { class: 'panel' },
        h('p', { text: t('login.intro') }),
        form),
      h('p', { class: 'small muted', text: t('login.privacy') })));
}

function loginError(err, ctx) {
  if (err.status === 401) return t('login.error.credentials');
  if (err.status === 429) {
    const seconds = err.retryAfter ?? 900;
    return t('login.error.locked', { time: formatTime(new Date(Date.now() + seconds * 1000)) });
  }
  return ctx.describeError(err);
}
