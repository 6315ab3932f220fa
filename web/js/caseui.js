// Small pieces shared by the case pages: labels for states and age groups,
// a country picker, and the summary-list row.
import { h, replace } from './dom.js';
import { t, today, formatDate } from './i18n.js';
import { options } from './vocab.js';

export const STATUSES = ['referred', 'under_assessment', 'identified', 'not_identified', 'closed'];

export function statusLabel(status) {
  return t(`status.${status}`);
}

/** A status as a badge (text, never colour alone). */
export function statusBadge(status) {
  return h('span', { class: `badge badge--${status}`, text: statusLabel(status) });
}

/** 'child', 'adult' or 'unknown' from the case's child flag. */
export function ageGroup(child) {
  if (child === true) return 'child';
  if (child === false) return 'adult';
  return 'unknown';
}

export function ageGroupLabel(child) {
  return t(`age.${ageGroup(child)}`);
}

/** A <div><dt/><dd/></div> row of a summary list; VALUE may be a node. */
export function row(label, value) {
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);
  return h('div', null, h('dt', { text: label }),
    h('dd', null, empty ? h('span', { class: 'muted', text: t('common.notRecorded') }) : value));
}

/**
 * A picker for several countries: a select with an "Add" button and the
 * chosen countries as a list, each with a "Remove" button. Returns a
 * fieldset wrapper with .value() (codes), .set(codes), .input (the select),
 * .error, .labelText, and calls ONCHANGE after every change.
 */
export function countryPicker({ id, legend, hint, vocab, first = [], value = [], onchange }) {
  const chosen = [...value];
  const all = options(vocab, 'country', { sort: true, first });
  const labelOf = (code) => all.find((x) => x.code === code)?.label ?? code;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const select = h('select', { id: `${id}-select`, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') },
    h('option', { value: '', text: t('country.choose') }),
    all.map((c) => h('option', { value: c.code, text: c.label })));
  const list = h('ul', { class: 'chips', id: `${id}-list`, 'aria-label': t('country.chosen', { legend }) });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const add = h('button', { type: 'button', class: 'button button--secondary', text: t('country.add') });
  const wrap = h('fieldset', { class: 'field fieldset', id },
    h('legend', null, legend, h('span', { class: 'optional', text: ` ${t('form.optional')}` })),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    error,
    h('div', { class: 'picker' },
      h('label', { for: `${id}-select`, class: 'visually-hidden', text: t('country.label', { legend }) }),
      select, add),
    list);

  function draw(focusAfter) {
    replace(list, chosen.map((code, i) => h('li', { class: 'chip' },
      h('span', { text: labelOf(code) }),
      h('button', {
        type: 'button', class: 'chip__remove', 'aria-label': t('country.remove', { country: labelOf(code) }),
        text: '×',
        onclick: () => {
          chosen.splice(i, 1);
          draw(true);
          onchange?.();
        },
      }))));
    list.hidden = chosen.length === 0;
    if (focusAfter) select.focus();
  }
  add.addEventListener('click', () => {
    const code = select.value;
    if (!code) { select.focus(); return; }
    if (!chosen.includes(code)) chosen.push(code);
    select.value = '';
    draw(false);
    select.focus();
    onchange?.();
  });
  draw(false);
  wrap.input = select;
  wrap.inputs = [select];
  wrap.error = error;
  wrap.labelText = legend;
  wrap.value = () => [...chosen];
  wrap.set = (codes) => { chosen.splice(0, chosen.length, ...(codes ?? [])); draw(false); };
  wrap.labelOf = labelOf;
  return wrap;
}

/** A list of labels joined for reading ("Sexual exploitation, Forced labour"). */
export function joinLabels(labels) {
  return labels.filter(Boolean).join(', ');
}

/** Local date checks for FIELDS[KEY], pushed onto ERRS (returned). */
export function dateErrors(fields, key, required, notBefore, errs, beforeKey = 'form.error.beforeReferral') {
  const w = fields[key];
  const v = w.input.value;
  const lbl = w.labelText;
  if (w.input.validity?.badInput) errs.push({ field: key, message: t('form.error.date', { label: lbl }) });
  else if (!v) { if (required) errs.push({ field: key, message: t('form.error.required', { label: lbl }) }); }
  else if (v > today()) errs.push({ field: key, message: t('form.error.future', { label: lbl }) });
  else if (notBefore && v < notBefore) errs.push({ field: key, message: t(beforeKey, { label: lbl, a: formatDate(notBefore) }) });
  return errs;
}
