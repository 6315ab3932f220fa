// Labelled form fields with a hint and an error slot, and an error summary.
// The error for a field sits between its label and its input and is tied to
// the input with aria-describedby; aria-invalid marks the input.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { announce } from './live.js';

/** A text, password, date or number field. Returns the wrapper; the input
 *  is .input. An optional field says so in its label. */
export function field({ id, name, label, type = 'text', autocomplete, hint, attrs = {}, required = true, mark = true }) {
  const input = h('input', {
    id, name, type, autocomplete, required: required || null, ...attrs,
  });
  return wrapControl({ id, label, hint, required: required || !mark, control: input });
}

/** A multi-line text field; .input is the textarea. */
export function textareaField({ id, name, label, hint, attrs = {}, required = true }) {
  const input = h('textarea', { id, name, rows: 4, required: required || null, ...attrs });
  return wrapControl({ id, label, hint, required, control: input });
}

/** A select; OPTIONS are [{value, label}], PLACEHOLDER an empty first option. */
export function selectField({ id, name, label, hint, options, placeholder, value = '', required = true, mark = true }) {
  const input = h('select', { id, name, required: required || null },
    placeholder !== undefined ? h('option', { value: '', text: placeholder }) : null,
    options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value), text: o.label })));
  return wrapControl({ id, label, hint, required: required || !mark, control: input });
}

/** A single checkbox with its label beside it; .input is the checkbox. */
export function checkField({ id, name, label, hint, checked = false }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type: 'checkbox', checked,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
  });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrap = h('div', { class: 'field field--check' },
    error,
    h('div', { class: 'check' }, input, h('label', { for: id, text: label })),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null);
  wrap.input = input;
  wrap.error = error;
  wrap.labelText = label;
  return wrap;
}

/**
 * A group of radio buttons or checkboxes in a fieldset with a legend.
 * OPTIONS are [{value, label, hint?}]. .inputs are the controls, .input the
 * first (for focus), .value() the chosen value (radio) or values (checkbox).
 */
export function choiceField({ id, name, legend, hint, type = 'radio', options, value, required = type === 'radio', columns = false }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const chosen = new Set([].concat(value ?? []).map(String));
  const inputs = [];
  const items = options.map((o, i) => {
    const inputId = `${id}-${i}`;
    const input = h('input', {
      id: inputId, name, type, value: o.value, checked: chosen.has(String(o.value)),
      'aria-describedby': o.hint ? `${inputId}-hint` : null,
    });
    inputs.push(input);
    return h('div', { class: 'check' }, input,
      h('label', { for: inputId }, o.label,
        o.hint ? h('span', { class: 'check__hint', id: `${inputId}-hint`, text: o.hint }) : null));
  });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrap = h('fieldset', {
    class: `field fieldset${columns ? ' fieldset--columns' : ''}`, id,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
  },
  h('legend', null, legend, required ? null : h('span', { class: 'optional', text: ` ${t('form.optional')}` })),
  hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
  error,
  h('div', { class: 'choices' }, items));
  wrap.inputs = inputs;
  wrap.input = inputs[0];
  wrap.labelText = legend;
  wrap.error = error;
  wrap.value = () => (type === 'radio'
    ? inputs.find((x) => x.checked)?.value ?? ''
    : inputs.filter((x) => x.checked).map((x) => x.value));
  wrap.set = (v) => {
    const want = new Set([].concat(v ?? []).map(String));
    for (const x of inputs) x.checked = want.has(x.value);
  };
  return wrap;
}

function wrapControl({ id, label, hint, required, control }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, label, required ? null : h('span', { class: 'optional', text: ` ${t('form.optional')}` })),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    error,
    control);
  wrap.input = control;
  wrap.error = error;
  wrap.labelText = label;
  return wrap;
}

/** Shows MESSAGE as FIELD's error, or clears it when MESSAGE is empty. */
export function setFieldError(wrap, message) {
  wrap.classList.toggle('field--error', Boolean(message));
  if (message) {
    replace(wrap.error, h('span', { class: 'visually-hidden', text: `${t('form.errorPrefix')} ` }), message);
    wrap.error.hidden = false;
    for (const el of wrap.inputs ?? [wrap.input]) el.setAttribute('aria-invalid', 'true');
  } else {
    wrap.error.replaceChildren();
    wrap.error.hidden = true;
    for (const el of wrap.inputs ?? [wrap.input]) el.removeAttribute('aria-invalid');
  }
}

/**
 * Fills SLOT with an error summary (a live region, announced when it
 * appears) listing MESSAGES, or empties it when there are none.
 */
export function showSummary(slot, messages) {
  slot.replaceChildren();
  if (!messages.length) return;
  slot.append(h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', { class: 'error-summary__title', text: t('form.problem') }),
    messages.length === 1
      ? h('p', null, messages[0])
      : h('ul', null, messages.map((m) => h('li', null, m)))));
}

/** A status message box (not an error), announced through the live region. */
export function showNotice(slot, message) {
  slot.replaceChildren();
  if (!message) return;
  slot.append(h('div', { class: 'notice', text: message }));
  announce(message);
}

/** Marks a form busy while a request runs. The button keeps focus (it is
 *  aria-disabled, not disabled) so keyboard users do not lose their place;
 *  callers ignore submits while form.dataset.busy is set. */
export function setBusy(form, busy, button, label) {
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) form.dataset.busy = '1';
  else delete form.dataset.busy;
  if (button) {
    button.setAttribute('aria-disabled', busy ? 'true' : 'false');
    button.textContent = label;
  }
}

// ---- server field errors -------------------------------------------------

// The server's reasons are short English phrases. The known ones are shown
// in the user's language with the field's label; any other as
// "Label: reason", so the message still names the field.
const REASONS = [
  [/^is required: the period would end after (\d+) days, before the minimum of (\d+)/, 'form.error.groundsShort'],
  [/^is allowed only when the person consented/, 'form.error.noConsent'],
  [/^cannot be given: your organisation was not given the identity/, 'form.error.cannotPass'],
  [/^is your own organisation$/, 'form.error.ownOrg'],
  [/^is the organisation that owns the case/, 'form.error.ownerOrg'],
  [/^(is|are) required/, 'form.error.required'],
  [/^must be a real date/, 'form.error.date'],
  [/^cannot be in the future$/, 'form.error.future'],
  [/^must be 1900-01-01 or later$/, 'form.error.tooEarly'],
  [/^cannot be before the referral date \((.+)\)$/, 'form.error.beforeReferral'],
  [/^cannot be before the birth date \((.+)\)$/, 'form.error.beforeBirth'],
  [/^cannot be before the (?:start date|start) \((.+)\)$/, 'form.error.beforeStart'],
  [/^cannot be before the date the referral was sent \((.+)\)$/, 'form.error.beforeSent'],
  [/^must be between (\d+) and (\d+)$/, 'form.error.between'],
  [/^does not match person\.birth_date \((\d+)\)$/, 'form.error.yearMismatch'],
  [/^must be one of/, 'form.error.choice'],
  [/^is not taken/, 'form.error.notTaken'],
  [/^must be at most (\d+) bytes$/, 'form.error.tooLong'],
  [/^is given but referral\.consent is not true$/, 'form.error.consentDate'],
  [/is already present/, 'form.error.duplicate'],
];

/** One server field error {field, reason} as a sentence with LABEL. */
export function reasonText(reason, label) {
  const r = String(reason ?? '');
  for (const [re, key] of REASONS) {
    const m = re.exec(r);
    if (m) return t(key, { label: label || t('form.thisField'), a: m[1] ?? '', b: m[2] ?? '' });
  }
  return label ? `${label}: ${r}` : r || t('error.generic');
}

/**
 * Wires a form: local checks, busy state, and errors (local or from the
 * server) next to their fields and in a summary. FIELDS maps a key to a
 * field wrapper; RESOLVE maps a server field name ("person.citizenship[1]")
 * to a key (by default the name without its index). SUBMIT runs the
 * request; CHECK returns local errors [{field, message}].
 */
export function controller({ form, messages, fields, button, label, ctx, submit, check, resolve }) {
  const find = resolve ?? ((name) => String(name ?? '').replace(/\[\d+\]$/, ''));
  function show(errors) {
    for (const [key, f] of Object.entries(fields)) {
      const e = errors.filter((x) => x.field === key);
      setFieldError(f, e.map((x) => x.message).join(' '));
    }
    showSummary(messages, errors.map((e) => e.message));
    const first = errors.find((e) => fields[e.field]);
    if (first) (fields[first.field].input ?? fields[first.field]).focus();
    else if (errors.length) messages.querySelector('[role="alert"]')?.focus();
    return errors.length > 0;
  }
  function fromApi(err) {
    if (err.status === 409) {
      return [{ field: null, message: conflictText(err) }];
    }
    const list = err.fieldErrors.map((e) => {
      const key = find(e.field);
      return { field: fields[key] ? key : null, message: reasonText(e.reason, fields[key]?.labelText ?? e.field) };
    });
    if (!list.length) list.push({ field: null, message: ctx.describeError(err) });
    return list;
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (form.dataset.busy) return;
    if (show(check ? check() : [])) return;
    setBusy(form, true, button, t('common.saving'));
    try {
      await submit();
      if (form.isConnected) setBusy(form, false, button, label);
    } catch (err) {
      setBusy(form, false, button, label);
      if (err.status === 401) return;
      show(fromApi(err));
    }
  });
  return { show, fromApi, clear: () => show([]) };
}

/** The sentence for a 409: the server says why the move is not allowed.
 *  Its sentence is English, so in another language a short sentence in
 *  that language comes first and the server's is marked lang="en". */
export function conflictText(err) {
  const detail = err.problem?.detail || '';
  if (document.documentElement.lang === 'en') return detail || t('error.conflict');
  return h('span', null, t('error.conflict'), detail ? [' ', h('span', { lang: 'en', text: detail })] : null);
}
