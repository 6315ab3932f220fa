// Labelled form fields with a hint and an error slot, and an error summary.
// The error for a field sits between its label and its input and is tied to
// the input with aria-describedby; aria-invalid marks the input.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { announce } from './live.js';

/** A text or password field. Returns the wrapper; the input is .input. */
export function field({ id, name, label, type = 'text', autocomplete, hint, attrs = {} }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type, autocomplete, required: true,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    ...attrs,
  });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrap = h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    error,
    input);
  wrap.input = input;
  wrap.error = error;
  return wrap;
}

/** Shows MESSAGE as FIELD's error, or clears it when MESSAGE is empty. */
export function setFieldError(wrap, message) {
  wrap.classList.toggle('field--error', Boolean(message));
  if (message) {
    replace(wrap.error, h('span', { class: 'visually-hidden', text: `${t('form.errorPrefix')} ` }), message);
    wrap.error.hidden = false;
    wrap.input.setAttribute('aria-invalid', 'true');
  } else {
    wrap.error.replaceChildren();
    wrap.error.hidden = true;
    wrap.input.removeAttribute('aria-invalid');
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
      ? h('p', { text: messages[0] })
      : h('ul', null, messages.map((m) => h('li', { text: m })))));
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
