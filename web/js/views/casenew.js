// New referral, in four short steps (person, referral, exploitation, check
// and send). Works on a 360 px phone and by keyboard alone.
//
// A lost connection does not lose the work: the entries stay on the page
// while it is open, and a draft is kept in localStorage so that a reload,
// the idle lock or a closed tab can be recovered from. The draft NEVER holds
// identifying fields: no names, no birth date and no birth year are written
// to the device; they have to be entered again after a reload (the page
// says so). The draft belongs to the signed-in user and expires after 7 days.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, selectField, choiceField, checkField, setFieldError, showSummary, setBusy, reasonText } from '../forms.js';
import { t, today, formatDate, formatDateTime } from '../i18n.js';
import { reference, label, options } from '../vocab.js';
import { countryPicker, joinLabels } from '../caseui.js';

export const title = 'new.title';

const STEPS = ['person', 'referral', 'exploitation', 'review'];
const DRAFT_PREFIX = 'lantern.draft.referral.';
const DRAFT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
// The only fields a draft may hold. Names, birth date and birth year are
// deliberately absent.
const DRAFT_FIELDS = ['person.sex', 'person.age_uncertain', 'person.citizenship', 'referral.date',
  'referral.source', 'referral.organisation', 'referral.consent', 'referral.consent_date',
  'exploitation', 'countries_of_exploitation'];

const draftKey = (user) => `${DRAFT_PREFIX}${user.id}`;

function readDraft(user) {
  try {
    const raw = localStorage.getItem(draftKey(user));
    if (!raw) return null;
    const d = JSON.parse(raw);
    if (!d || typeof d !== 'object' || !(Date.now() - d.saved_at < DRAFT_MAX_AGE_MS)) {
      localStorage.removeItem(draftKey(user));
      return null;
    }
    return d;
  } catch {
    return null;
  }
}

function removeDraft(user) {
  try { localStorage.removeItem(draftKey(user)); } catch { /* storage off */ }
}

export function render(main, ctx) {
  const user = ctx.state.user;
  const body = h('div', null, h('p', { class: 'muted', text: t('common.loading') }));
  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('new.title') }),
    h('p', { class: 'lead', text: t('new.intro') }),
    body);
  reference().then((ref) => {
    if (ctx.isCurrent()) replace(body, build(ref, ctx, user));
  }).catch((err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    replace(body, h('p', { class: 'error-text', role: 'alert', text: ctx.describeError(err) }));
  });
}

function build({ vocab, jurisdiction, orgs }, ctx, user) {
  const draft = readDraft(user);
  const now = today();
  const opt = (kind) => options(vocab, kind).map((o) => ({ value: o.code, label: o.label }));
  let touched = Boolean(draft);
  let sent = false;
  const saveSoon = debounce(() => { if (touched) saveDraft(); }, 400);
  const touch = () => { touched = true; saveSoon(); };

  const f = {
    'person.given_name': field({ id: 'given-name', name: 'given_name', label: t('new.givenName'), required: false,
      attrs: { autocomplete: 'off', maxlength: 200, spellcheck: 'false' } }),
    'person.family_name': field({ id: 'family-name', name: 'family_name', label: t('new.familyName'), required: false,
      attrs: { autocomplete: 'off', maxlength: 200, spellcheck: 'false' } }),
    'person.sex': choiceField({ id: 'sex', name: 'sex', legend: t('new.sex'), options: opt('sex'), value: draft?.['person.sex'] }),
    'person.birth_date': field({ id: 'birth-date', name: 'birth_date', label: t('new.birthDate'), type: 'date', required: false,
      hint: t('new.birthDateHint'), attrs: { max: now, min: '1900-01-01', autocomplete: 'off' } }),
    'person.birth_year': field({ id: 'birth-year', name: 'birth_year', label: t('new.birthYear'), type: 'number', required: false,
      hint: t('new.birthYearHint'), attrs: { min: 1900, max: now.slice(0, 4), inputmode: 'numeric', autocomplete: 'off' } }),
    'person.age_uncertain': checkField({ id: 'age-uncertain', name: 'age_uncertain', label: t('new.ageUncertain'),
      hint: t('new.ageUncertainHint'), checked: Boolean(draft?.['person.age_uncertain']) }),
    'person.citizenship': countryPicker({ id: 'citizenship', legend: t('new.citizenship'), hint: t('new.citizenshipHint'),
      vocab, first: [jurisdiction.country], value: draft?.['person.citizenship'] ?? [], onchange: touch }),
    'referral.date': field({ id: 'referral-date', name: 'referral_date', label: t('new.referralDate'), type: 'date',
      hint: t('new.referralDateHint'), attrs: { max: now, min: '1900-01-01', value: draft?.['referral.date'] || now } }),
    'referral.source': selectField({ id: 'source', name: 'source', label: t('new.source'), hint: t('new.sourceHint'),
      placeholder: t('form.choose'), options: opt('referral_source'), value: draft?.['referral.source'] ?? '' }),
    'referral.organisation': field({ id: 'referring-org', name: 'referring_organisation', label: t('new.referringOrg'), required: false,
      hint: t('new.referringOrgHint'), attrs: { maxlength: 160, list: 'org-names', autocomplete: 'off', value: draft?.['referral.organisation'] ?? '' } }),
    'referral.consent': checkField({ id: 'consent', name: 'consent', label: t('new.consent'), hint: t('consent.explain'),
      checked: Boolean(draft?.['referral.consent']) }),
    'referral.consent_date': field({ id: 'consent-date', name: 'consent_date', label: t('new.consentDate'), type: 'date', required: false,
      hint: t('new.consentDateHint'), attrs: { max: now, min: '1900-01-01', value: draft?.['referral.consent_date'] ?? '' } }),
    exploitation: choiceField({ id: 'exploitation', name: 'exploitation', type: 'checkbox', legend: t('new.forms'), hint: t('new.formsHint'),
      options: opt('exploitation'), value: draft?.exploitation ?? [], columns: true }),
    countries_of_exploitation: countryPicker({ id: 'countries', legend: t('new.countries'), hint: t('new.countriesHint'),
      vocab, first: [jurisdiction.country], value: draft?.countries_of_exploitation ?? [], onchange: touch }),
  };
  const stepOf = (key) => (key.startsWith('person') ? 0 : key.startsWith('referral') ? 1 : key === 'exploitation' || key === 'countries_of_exploitation' ? 2 : 3);
  const consentDate = f['referral.consent_date'];
  const syncConsent = () => { consentDate.hidden = !f['referral.consent'].input.checked; };
  f['referral.consent'].input.addEventListener('change', syncConsent);
  syncConsent();

  const datalist = h('datalist', { id: 'org-names' }, orgs.map((o) => h('option', { value: o.name })));
  const reviewList = h('div');
  const sections = [
    step(0, h('div', { class: 'privacy-note' },
      h('h3', { text: t('new.namesTitle') }),
      h('p', { text: t('new.namesNote') })),
    f['person.given_name'], f['person.family_name'], f['person.sex'], f['person.birth_date'], f['person.birth_year'],
    f['person.age_uncertain'], f['person.citizenship']),
    step(1, f['referral.date'], f['referral.source'], f['referral.organisation'], datalist,
      f['referral.consent'], consentDate),
    step(2, f.exploitation, f.countries_of_exploitation),
    step(3, h('p', { text: t('new.reviewIntro') }), reviewList),
  ];
  const progress = h('ol', { class: 'steps', 'aria-label': t('new.progress') },
    STEPS.map((s, i) => h('li', { id: `step-mark-${i}` }, h('span', { class: 'steps__n', text: `${i + 1}` }), ' ', t(`new.step.${s}`))));
  const messages = h('div', { class: 'form-messages' });
  const draftNote = h('div', { class: 'form-messages' });
  const back = h('button', { type: 'button', class: 'button button--secondary', text: t('new.back') });
  const next = h('button', { type: 'submit', class: 'button', text: t('new.continue') });
  const form = h('form', { class: 'form form--wide', novalidate: true, 'aria-labelledby': 'page-title' },
    messages, sections, h('div', { class: 'actions' }, next, back));
  let current = 0;

  if (draft) {
    replace(draftNote, h('div', { class: 'notice notice--info' },
      h('p', { text: t('new.draftRestored', { time: formatDateTime(new Date(draft.saved_at).toISOString()) }) }),
      h('p', { text: t('new.draftNoNames') }),
      h('button', {
        type: 'button', class: 'button button--secondary', text: t('new.draftDiscard'),
        onclick: () => {
          removeDraft(user);
          ctx.announce(t('new.draftDiscarded'));
          ctx.navigate('/cases/new', { replace: true });
        },
      })));
  }

  function step(i, ...children) {
    return h('section', { class: 'step', id: `step-${STEPS[i]}`, 'aria-labelledby': `step-title-${i}`, hidden: i !== 0 },
      h('h2', { id: `step-title-${i}`, tabindex: '-1', text: t('new.stepOf', { n: i + 1, total: STEPS.length, name: t(`new.step.${STEPS[i]}`) }) }),
      children);
  }

  function go(i, { focus = true } = {}) {
    current = i;
    sections.forEach((s, k) => { s.hidden = k !== i; });
    STEPS.forEach((_, k) => {
      const mark = progress.querySelector(`#step-mark-${k}`);
      mark.className = k < i ? 'done' : k === i ? 'current' : '';
      if (k === i) mark.setAttribute('aria-current', 'step'); else mark.removeAttribute('aria-current');
    });
    back.hidden = i === 0;
    next.textContent = i === STEPS.length - 1 ? t('new.send') : t('new.continue');
    if (i === STEPS.length - 1) drawReview();
    if (focus) sections[i].querySelector('h2').focus();
    saveSoon();
  }

  function values() {
    const v = (k) => f[k].input.value.trim();
    const year = v('person.birth_year');
    return {
      'person.given_name': v('person.given_name'),
      'person.family_name': v('person.family_name'),
      'person.sex': f['person.sex'].value(),
      'person.birth_date': f['person.birth_date'].input.value,
      'person.birth_year': year,
      'person.age_uncertain': f['person.age_uncertain'].input.checked,
      'person.citizenship': f['person.citizenship'].value(),
      'referral.date': f['referral.date'].input.value,
      'referral.source': f['referral.source'].input.value,
      'referral.organisation': v('referral.organisation'),
      'referral.consent': f['referral.consent'].input.checked,
      'referral.consent_date': f['referral.consent'].input.checked ? f['referral.consent_date'].input.value : '',
      exploitation: f.exploitation.value(),
      countries_of_exploitation: f.countries_of_exploitation.value(),
    };
  }

  function saveDraft() {
    if (!form.isConnected || sent) return;
    const all = values();
    const d = { saved_at: Date.now() };
    for (const k of DRAFT_FIELDS) d[k] = all[k];
    try { localStorage.setItem(draftKey(user), JSON.stringify(d)); } catch { /* storage off or full: the page still works */ }
  }

  // Local checks for step I (the server checks everything again).
  function check(i) {
    const v = values();
    const errs = [];
    const need = (key, msg) => errs.push({ field: key, message: msg });
    const dateCheck = (key, value, required) => {
      const input = f[key].input;
      const lbl = f[key].labelText;
      if (input.validity?.badInput) need(key, t('form.error.date', { label: lbl }));
      else if (!value) { if (required) need(key, t('form.error.required', { label: lbl })); }
      else if (value > today()) need(key, t('form.error.future', { label: lbl }));
      else if (value < '1900-01-01') need(key, t('form.error.tooEarly', { label: lbl }));
    };
    if (i === 0) {
      if (!v['person.sex']) need('person.sex', t('new.error.sex'));
      dateCheck('person.birth_date', v['person.birth_date'], false);
      const y = v['person.birth_year'];
      const thisYear = Number(today().slice(0, 4));
      if (f['person.birth_year'].input.validity?.badInput || (y && !/^\d{4}$/.test(y)) || (y && (Number(y) < 1900 || Number(y) > thisYear))) {
        need('person.birth_year', t('form.error.between', { label: f['person.birth_year'].labelText, a: 1900, b: thisYear }));
      } else if (y && v['person.birth_date'] && v['person.birth_date'].slice(0, 4) !== y) {
        need('person.birth_year', t('form.error.yearMismatch', { label: f['person.birth_year'].labelText, a: v['person.birth_date'].slice(0, 4) }));
      } else if (!y && !v['person.birth_date'] && !v['person.age_uncertain']) {
        // Whether the person is a child decides who identifies them: an
        // age is never left out by accident (docs/cases.md).
        need('person.birth_year', t('new.error.ageNeeded'));
      }
    }
    if (i === 1) {
      dateCheck('referral.date', v['referral.date'], true);
      if (v['referral.date'] && v['person.birth_date'] && v['referral.date'] < v['person.birth_date']) {
        need('referral.date', t('form.error.beforeBirth', { label: f['referral.date'].labelText, a: formatDate(v['person.birth_date']) }));
      }
      if (!v['referral.source']) need('referral.source', t('new.error.source'));
      if (v['referral.consent']) dateCheck('referral.consent_date', v['referral.consent_date'], false);
    }
    return errs;
  }

  function show(errors) {
    for (const [key, w] of Object.entries(f)) {
      setFieldError(w, errors.filter((e) => e.field === key).map((e) => e.message).join(' '));
    }
    showSummary(messages, errors.map((e) => (e.field && stepOf(e.field) !== current
      ? `${t(`new.step.${STEPS[stepOf(e.field)]}`)}: ${e.message}` : e.message)));
    const first = errors.find((e) => f[e.field]);
    if (first) f[first.field].input.focus();
    else if (errors.length) messages.querySelector('[role="alert"]')?.focus();
    return errors.length > 0;
  }

  function documentToSend() {
    const v = values();
    const person = { sex: v['person.sex'], citizenship: v['person.citizenship'] };
    if (v['person.given_name']) person.given_name = v['person.given_name'];
    if (v['person.family_name']) person.family_name = v['person.family_name'];
    if (v['person.birth_date']) person.birth_date = v['person.birth_date'];
    if (v['person.birth_year']) person.birth_year = Number(v['person.birth_year']);
    if (v['person.age_uncertain']) person.age_uncertain = true;
    const referral = { date: v['referral.date'], source: v['referral.source'] };
    if (v['referral.organisation']) referral.organisation = v['referral.organisation'];
    if (v['referral.consent']) {
      referral.consent = true;
      if (v['referral.consent_date']) referral.consent_date = v['referral.consent_date'];
    }
    return { person, referral, exploitation: v.exploitation, countries_of_exploitation: v.countries_of_exploitation };
  }

  function drawReview() {
    const v = values();
    const yes = t('common.yes');
    const no = t('common.no');
    const group = (i, rows) => h('div', { class: 'review' },
      h('div', { class: 'review__head' },
        h('h3', { text: t(`new.step.${STEPS[i]}`) }),
        h('button', {
          type: 'button', class: 'link-button',
          'aria-label': t('new.changeStep', { step: t(`new.step.${STEPS[i]}`) }),
          text: t('new.change'), onclick: () => { show([]); go(i); },
        })),
      h('dl', { class: 'summary-list' }, rows.map(([k, value]) => h('div', null,
        h('dt', { text: k }),
        h('dd', null, value === '' || value === null || (Array.isArray(value) && !value.length)
          ? h('span', { class: 'muted', text: t('common.notGiven') }) : value)))));
    replace(reviewList,
      group(0, [
        [t('new.givenName'), v['person.given_name']],
        [t('new.familyName'), v['person.family_name']],
        [t('new.sex'), label(vocab, 'sex', v['person.sex'])],
        [t('new.birthDate'), v['person.birth_date'] ? formatDate(v['person.birth_date']) : ''],
        [t('new.birthYear'), v['person.birth_year']],
        [t('new.ageUncertain'), v['person.age_uncertain'] ? yes : no],
        [t('new.citizenship'), joinLabels(v['person.citizenship'].map((c) => f['person.citizenship'].labelOf(c)))],
      ]),
      group(1, [
        [t('new.referralDate'), formatDate(v['referral.date'])],
        [t('new.source'), label(vocab, 'referral_source', v['referral.source'])],
        [t('new.referringOrg'), v['referral.organisation']],
        [t('new.consentShort'), v['referral.consent']
          ? `${yes}${v['referral.consent_date'] ? ` (${formatDate(v['referral.consent_date'])})` : ''}` : no],
      ]),
      group(2, [
        [t('new.forms'), joinLabels(v.exploitation.map((c) => label(vocab, 'exploitation', c)))],
        [t('new.countries'), joinLabels(v.countries_of_exploitation.map((c) => f.countries_of_exploitation.labelOf(c)))],
      ]));
  }

  async function send() {
    setBusy(form, true, next, t('new.sending'));
    try {
      const created = await api.post('/cases', documentToSend());
      sent = true;
      removeDraft(user);
      for (const k of ['person.given_name', 'person.family_name', 'person.birth_date', 'person.birth_year']) f[k].input.value = '';
      ctx.setFlash(t('new.done', { number: created.case_number }));
      ctx.navigate(`/cases/${created.id}`);
    } catch (err) {
      setBusy(form, false, next, t('new.send'));
      if (err.status === 401) return;
      if (err.status === 0) {
        show([{ field: null, message: t('new.offline') }]);
        return;
      }
      const errors = err.fieldErrors.map((e) => {
        const key = String(e.field).replace(/\[\d+\]$/, '');
        return { field: f[key] ? key : null, message: reasonText(e.reason, f[key]?.labelText ?? e.field) };
      });
      if (!errors.length) errors.push({ field: null, message: ctx.describeError(err) });
      const first = errors.find((e) => e.field);
      if (first) go(stepOf(first.field), { focus: false });
      show(errors);
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (form.dataset.busy) return;
    if (current < STEPS.length - 1) {
      if (show(check(current))) return;
      go(current + 1);
      return;
    }
    const all = [0, 1, 2].flatMap((i) => check(i));
    if (all.length) {
      go(stepOf(all[0].field), { focus: false });
      show(all);
      return;
    }
    send();
  });
  back.addEventListener('click', () => { show([]); go(Math.max(0, current - 1)); });
  form.addEventListener('input', touch);
  form.addEventListener('change', touch);
  const online = () => { if (form.isConnected) ctx.announce(t('new.online')); else window.removeEventListener('online', online); };
  window.addEventListener('online', online);
  go(0, { focus: false });

  return h('div', null, draftNote, progress, form);
}

function debounce(fn, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}
