// Account: who you are, and changing your password.
import { api } from '../api.js';
import { h } from '../dom.js';
import { field, setFieldError, setBusy, showSummary, showNotice } from '../forms.js';
import { t } from '../i18n.js';

export const title = 'account.title';
export const PASSWORD_MIN = 12;

export function render(main, ctx) {
  const { user } = ctx.state;
  const current = field({
    id: 'current-password', name: 'current_password', label: t('password.current'),
    type: 'password', autocomplete: 'current-password', attrs: { maxlength: 1024 },
  });
  const next = field({
    id: 'new-password', name: 'new_password', label: t('password.new'), type: 'password',
    autocomplete: 'new-password', hint: t('password.newHint', { min: PASSWORD_MIN }),
    attrs: { maxlength: 1024 },
  });
  const repeat = field({
    id: 'repeat-password', name: 'repeat_password', label: t('password.repeat'),
    type: 'password', autocomplete: 'new-password', attrs: { maxlength: 1024 },
  });
  const fields = { current_password: current, new_password: next, repeat_password: repeat };
  const labels = { current_password: t('password.current'), new_password: t('password.new') };
  const button = h('button', { type: 'submit', class: 'button', text: t('password.submit') });
  const messages = h('div', { class: 'form-messages' });
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'password-title' },
    messages, current, next, repeat, h('div', { class: 'actions' }, button));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (form.dataset.busy) return;
    const errors = check(current.input.value, next.input.value, repeat.input.value);
    if (show(errors)) return;
    setBusy(form, true, button, t('common.saving'));
    try {
      await api.changePassword(current.input.value, next.input.value);
      for (const f of Object.values(fields)) f.input.value = '';
      setBusy(form, false, button, t('password.submit'));
      showNotice(messages, t('password.done'));
      await ctx.refreshSession();
    } catch (err) {
      setBusy(form, false, button, t('password.submit'));
      if (err.status === 401) return;
      const list = err.fieldErrors.map((e) => ({ field: e.field, message: reasonText(e, labels[e.field]) }));
      if (!list.some((e) => fields[e.field])) list.unshift({ field: null, message: ctx.describeError(err) });
      show(list);
    }
  });

  // Returns true (and shows them) when there are errors.
  function show(errors) {
    for (const [name, f] of Object.entries(fields)) {
      const e = errors.find((x) => x.field === name);
      setFieldError(f, e ? e.message : '');
    }
    showSummary(messages, errors.map((e) => e.message));
    const first = errors.find((e) => fields[e.field]);
    if (first) fields[first.field].input.focus();
    else if (errors.length) messages.querySelector('[role="alert"]')?.focus();
    return errors.length > 0;
  }

  main.append(
    h('h1', { id: 'page-title', tabindex: '-1', text: t('account.title') }),
    h('section', { class: 'panel', 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title', text: t('account.details') }),
      h('dl', { class: 'summary-list' },
        h('div', null, h('dt', { text: t('common.username') }), h('dd', { text: user.username })),
        h('div', null, h('dt', { text: t('common.role') }), h('dd', { text: ctx.roleLabel(user.role) })),
        h('div', null, h('dt', { text: t('common.organisation') }), h('dd', { text: ctx.organisationLabel(user.organisation) })))),
    h('section', { class: 'panel', 'aria-labelledby': 'password-title' },
      h('h2', { id: 'password-title', text: t('password.title') }),
      form));
}

function check(cur, next, repeat) {
  const errors = [];
  if (!cur) errors.push({ field: 'current_password', message: t('password.error.currentRequired') });
  if (!next) errors.push({ field: 'new_password', message: t('password.error.newRequired') });
  else if ([...next].length < PASSWORD_MIN) errors.push({ field: 'new_password', message: t('password.error.tooShort', { min: PASSWORD_MIN }) });
  else if (next === cur) errors.push({ field: 'new_password', message: t('password.error.same') });
  if (next && repeat !== next) errors.push({ field: 'repeat_password', message: t('password.error.mismatch') });
  return errors;
}

// The server's reasons are short English phrases ("is not correct", "must
// be at least 12 characters"). The known ones are shown in the user's
// language; any other is shown as "Label: reason" so it still names the field.
const REASONS = [
  [/^is not correct$/, () => t('password.error.currentWrong')],
  [/^must be at least (\d+) characters$/, (m) => t('password.error.tooShort', { min: m[1] })],
  [/^must be at most (\d+) bytes$/, (m) => t('password.error.tooLong', { max: m[1] })],
  [/^must differ from the current password$/, () => t('password.error.same')],
  [/^is required$/, (m, label) => t('form.error.required', { label })],
];

function reasonText(e, label) {
  const reason = String(e.reason ?? '');
  for (const [re, text] of REASONS) {
    const m = re.exec(reason);
    if (m) return text(m, label);
  }
  return label ? `${label}: ${reason}` : reason || t('error.generic');
}
