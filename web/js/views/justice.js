// The justice side of a case (docs/ui.md, "Proceedings" and "Protection"):
// criminal proceedings with their charges, stages, plea agreement, verdict,
// appeals, hearings and the protective measures asked for, granted and
// carried out, compensation claims; and protection: threats, protection
// measures, proceedings against the victim with the non-punishment
// assessment, removals, identity disclosures, whether a child is
// unaccompanied, age assessments. A section appears only when the case JSON
// has its members: the server leaves them out for roles that may not read
// them. Parts follow caseparts.js: {id, kinds, present(c), render, eventText}.
import { api, query, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { field, textareaField, selectField, choiceField, checkField } from '../forms.js';
import { t, tn, formatDate, formatNumber, today, language, has } from '../i18n.js';
import { latinToCyrillic } from '../translit.js';
import { row } from '../caseui.js';

const STAGES = ['investigation', 'indictment', 'trial', 'verdict', 'appeal', 'final', 'discontinued'];
const ROLES = ['injured_party', 'witness', 'injured_party_and_witness'];
const VERDICTS = ['conviction', 'acquittal', 'dismissal'];
const APPELLANTS = ['prosecution', 'defence', 'injured_party'];
const APPEAL_OUTCOMES = ['upheld', 'overturned', 'modified', 'retrial'];
const MEASURES = ['especially_vulnerable_witness', 'video_link', 'no_confrontation', 'closed_hearing', 'anonymity', 'support_person', 'other'];
const FORUMS = ['criminal', 'civil', 'state_fund'];
const CLAIM_STATUSES = ['pending', 'awarded', 'rejected', 'withdrawn'];
const THREATS = ['threat', 'intimidation', 'violence', 'threat_to_family', 'other'];
const SOURCES = ['perpetrator', 'associate', 'unknown', 'other'];
const PROTECTIONS = ['police_protection', 'witness_protection_programme', 'relocation', 'safe_accommodation', 'restraining_order', 'other'];
const VP_KINDS = ['misdemeanour', 'criminal'];
const VP_OFFENCES = ['prostitution', 'begging', 'immigration', 'document_fraud', 'theft', 'drugs', 'labour', 'other'];
const VP_OUTCOMES = ['pending', 'penalty', 'acquitted', 'dismissed', 'not_punished'];
const PENALTIES = ['fine', 'prison', 'probation', 'other'];
const REMOVALS = ['removal', 'expulsion', 'deportation', 'forced_return'];
const RECIPIENTS = ['employer', 'landlord', 'media', 'public', 'authority', 'other'];
const CHANNELS = ['residence_document', 'document', 'referral', 'export', 'verbal', 'other'];
const AGE_RESULTS = ['child', 'adult', 'undetermined'];
const AGE_METHODS = ['documents', 'interview', 'medical', 'other'];

const opts = (codes, prefix) => codes.map((c) => ({ value: c, label: t(`${prefix}.${c}`) }));
const code = (prefix, c) => (c === null || c === undefined || c === '' ? '' : has(`${prefix}.${c}`) ? t(`${prefix}.${c}`) : String(c));
const yesNo = (v) => (v === true ? t('common.yes') : v === false ? t('common.no') : t('jus.unknown'));
const join = (...parts) => parts.filter((x) => x !== null && x !== undefined && x !== '').join(' · ');
const list = (items, render, cls = 'records') => h('ul', { class: cls }, items.map((x) => h('li', null, render(x))));
const noteText = (text) => (text ? h('p', { class: 'reasons' }, h('span', { class: 'visually-hidden', text: `${t('common.note')}: ` }), text) : null);
const none = (key) => h('p', { class: 'muted', text: t(key) });
const sub = (text) => h('h3', { class: 'small-heading', text });
const money = (n, cur) => (n === null || n === undefined ? '' : `${formatNumber(n)} ${cur ?? ''}`.trim());

// ---- the criminal code of the jurisdiction -----------------------------

/** The profile's articles: [{article, title_en, title_sr, offence_class, paragraphs}] (null without a code). */
function articles(page) {
  const a = page.ref.jurisdiction?.criminal_code?.articles;
  if (!a) return null;
  return Array.isArray(a) ? a : Object.entries(a).map(([k, v]) => ({ article: k, title_en: v.title?.en, title_sr: v.title?.sr, ...v }));
}

function articleTitle(page, article) {
  const a = articles(page)?.find((x) => x.article === article);
  if (!a) return '';
  if (language() === 'en' || !a.title_sr) return a.title_en ?? '';
  return language() === 'sr-Cyrl' ? latinToCyrillic(a.title_sr) : a.title_sr;
}

/** "Art. 388(1) · Trafficking in human beings". */
function articleText(page, article, paragraph) {
  if (!article) return '';
  const n = paragraph ? t('jus.articlePara', { article, para: paragraph }) : t('jus.article', { article });
  return join(n, articleTitle(page, article));
}

/** The article as a select of the profile's articles, or a text field when the profile lists none. */
function articleField(page, id, name, { value, required = true } = {}) {
  const arts = articles(page);
  if (!arts) {
    return field({ id, name, label: t('jus.articleLabel'), required, hint: t('jus.articleHint'), attrs: { maxlength: 16, value: value ?? '' } });
  }
  return selectField({ id, name, label: t('jus.articleLabel'), required, placeholder: t('form.choose'), value: value ?? '',
    options: arts.map((a) => ({ value: a.article, label: articleText(page, a.article) })) });
}

// ---- forms from a short description ---------------------------------------

// A field is {k: API name ("charge.article"), type, label (catalog key),
// req, codes+prefix or options, min, future (dates may be ahead), hint,
// when(fields) (shown only then)}. Server field errors name the same keys.
function makeField(page, prefix, s, value) {
  const id = `${prefix}-${s.k.replace(/[^a-z0-9]+/gi, '-')}`;
  const label = t(s.label ?? 'jus.articleLabel');
  const hint = s.hint ? t(s.hint, s.hintParams) : undefined;
  const required = Boolean(s.req);
  const v = value === null || value === undefined ? '' : String(value);
  switch (s.type) {
    case 'date':
      return field({ id, name: s.k, label, type: 'date', required, hint,
        attrs: { max: s.future ? null : today(), min: s.min, value: value === undefined && required && !s.future ? today() : v } });
    case 'select':
      return selectField({ id, name: s.k, label, hint, required, placeholder: t('form.choose'), value: v,
        options: s.options ?? opts(s.codes, s.prefix) });
    case 'tri':
      return selectField({ id, name: s.k, label, hint, required: false, placeholder: t('jus.unknown'), value: v,
        options: [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }] });
    case 'radio':
      return choiceField({ id, name: s.k, legend: label, hint, value: v, options: s.options ?? opts(s.codes, s.prefix) });
    case 'check':
      return checkField({ id, name: s.k, label, hint, checked: value === true });
    case 'number':
      return field({ id, name: s.k, label, type: 'number', required, hint, attrs: { min: 0, step: 1, inputmode: 'numeric', value: v } });
    case 'note':
      return textareaField({ id, name: s.k, label, hint: hint ?? t('common.noteHint'), required, attrs: { maxlength: 4000, rows: 3 } });
    case 'article':
      return articleField(page, id, s.k, { value, required });
    default:
      return field({ id, name: s.k, label, required, hint, attrs: { maxlength: s.max ?? 160, value: v } });
  }
}

function rawValue(w, s) {
  if (s.type === 'radio') return w.value();
  if (s.type === 'check') return w.input.checked;
  return w.input.value.trim();
}

/** The value to send, or undefined to leave the member out. */
function sendValue(w, s) {
  if (w.hidden) return undefined;
  const v = rawValue(w, s);
  if (s.type === 'check') return v;
  if (v === '') return undefined;
  if (s.type === 'tri') return v === 'true';
  if (s.type === 'number') return Number(v);
  return v;
}

/** Local checks: required fields, real dates (not in the future unless
 *  allowed, not before MIN), whole numbers. */
function checkFields(spec, f) {
  const errs = [];
  for (const s of spec) {
    const w = f[s.k];
    if (w.hidden) continue;
    const lbl = w.labelText;
    const v = s.type === 'check' ? '' : rawValue(w, s);
    if (w.input.validity?.badInput) errs.push({ field: s.k, message: t(s.type === 'date' ? 'form.error.date' : 'jus.error.whole', { label: lbl }) });
    else if (!v) { if (s.req) errs.push({ field: s.k, message: t('form.error.required', { label: lbl }) }); }
    else if (s.type === 'date' && !s.future && v > today()) errs.push({ field: s.k, message: t('form.error.future', { label: lbl }) });
    else if (s.type === 'date' && s.min && v < s.min) errs.push({ field: s.k, message: t('jus.error.before', { label: lbl, a: formatDate(s.min) }) });
    else if (s.type === 'number' && !/^\d+$/.test(v)) errs.push({ field: s.k, message: t('jus.error.whole', { label: lbl }) });
  }
  return errs;
}

function setPath(body, key, value) {
  const parts = key.split('.');
  let o = body;
  for (const p of parts.slice(0, -1)) o = o[p] ??= {};
  o[parts[parts.length - 1]] = value;
}

/** The full proceedings of case C (the case JSON has only a summary of each). */
async function proceedingsOf(c) {
  return c.proceedings.length ? (await api.get(`/cases/${c.id}/proceedings`)).items ?? [] : [];
}

/** After a write: the case again (and its proceedings), redrawn with a
 *  notice and focus at SECTION. */
async function refresh(page, section, message) {
  const c = await api.get(`/cases/${page.c.id}`);
  if (Array.isArray(c.proceedings)) page.justice = { c, items: await proceedingsOf(c) };
  page.update(c, section, message);
}

/** A form built from SPEC in a case section; SEND(body, fields) writes. */
function specForm(page, { prefix, heading, explain, spec, values = {}, submitLabel, close, send, section, done, check }) {
  const f = {};
  for (const s of spec) f[s.k] = makeField(page, prefix, s, values[s.k]);
  const sync = () => { for (const s of spec) if (s.when) f[s.k].hidden = !s.when(f); };
  const form = page.smallForm({
    heading, explain, fields: f, submitLabel: submitLabel ?? t('jus.save'), cancel: close,
    check: () => {
      const errs = checkFields(spec, f);
      check?.(f, errs);
      return errs;
    },
    submit: async () => {
      const body = {};
      for (const s of spec) {
        const v = sendValue(f[s.k], s);
        if (v !== undefined) setPath(body, s.k, v);
      }
      await send(body, f);
      await refresh(page, section, done);
    },
  });
  form.addEventListener('change', sync);
  sync();
  return form;
}

/** A button that opens a spec form (see specForm) below it. */
function action(page, name, text, options) {
  return page.disclosure(name, text, (close) => specForm(page, { prefix: name, heading: text, close, ...options }));
}

// ---- criminal proceedings --------------------------------------------------

function chargeText(page, ch) {
  return join(articleText(page, ch.article, ch.paragraph), ch.offence_class ? t(`jus.class.${ch.offence_class}`) : '');
}

function verdictText(page, v) {
  const sentence = v.sentence_months !== null && v.sentence_months !== undefined
    ? `${tn('jus.months', v.sentence_months)}${v.suspended ? ` ${t('jus.suspended')}` : ''}` : '';
  return join(t(`jus.verdict.${v.outcome}`), formatDate(v.date), articleText(page, v.article, v.paragraph), sentence,
    v.fine_amount !== null && v.fine_amount !== undefined ? t('jus.fine', { amount: money(v.fine_amount, v.fine_currency) }) : '',
    v.final ? t('jus.final') : t('jus.notFinal'));
}

function hearingItem(hr) {
  const ms = hr.measures ?? [];
  return [
    h('p', { class: 'records__title' }, h('strong', { text: t('jus.hearingOn', { date: formatDate(hr.date) }) }),
      hr.confrontation !== null && hr.confrontation !== undefined ? ` · ${t(hr.confrontation ? 'jus.confrontation' : 'jus.noConfrontation')}` : ''),
    ms.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack' },
      h('caption', { text: t('jus.measuresCaption', { date: formatDate(hr.date) }) }),
      h('thead', null, h('tr', null, ['jus.measure', 'jus.requested', 'jus.granted', 'jus.carriedOut'].map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', null, ms.map((m) => h('tr', { class: m.granted && m.carried_out === false ? 'row--warn' : null },
        h('th', { scope: 'row', 'data-label': t('jus.measure'), text: code('jus.m', m.measure) }),
        h('td', { 'data-label': t('jus.requested'), text: yesNo(m.requested) }),
        h('td', { 'data-label': t('jus.granted'), text: yesNo(m.granted) }),
        h('td', { 'data-label': t('jus.carriedOut'), text: m.granted ? yesNo(m.carried_out) : '–' })))))) : none('jus.noMeasures'),
    noteText(hr.note),
  ];
}

/** The proceeding's victims: the cases the caller may read, by case number
 *  (a link, this case named as such) and role; then only how many others
 *  there are, never which. */
function victimsText(p, c) {
  const seen = p.cases ?? [];
  return [
    seen.length ? h('ul', { class: 'link-list' }, seen.map((x) => h('li', null,
      x.case_id === c.id ? h('span', { text: `${x.case_number} (${t('jus.thisCase')})` })
        : h('a', { href: `#/cases/${x.case_id}`, text: x.case_number }),
      ` · ${code('jus.role', x.victim_role)}`))) : null,
    p.other_victims ? h('p', { class: 'muted', text: tn('jus.hiddenVictims', p.other_victims) }) : null,
  ];
}

const CASE_NUMBER = /^LT-\d{4}-\d{6}$/;
const EXAMPLE_NUMBER = 'LT-2024-000123';
const numberError = (reason) => new ApiError(400, { errors: [{ field: 'case_number', reason }] });

/** Links another victim's case to proceeding P by its case number: the
 *  number is looked up in the caller's scope (GET /cases?number=), then
 *  POST /proceedings/{pid}/cases. Every refusal about that case is said next
 *  to the number field in plain words: not found, already linked, or a case
 *  the caller may read but not record on (the server's 400 on case_id; a
 *  404 is treated alike). */
async function linkVictim(p, body) {
  const number = body.case_number.toUpperCase();
  const found = await api.get(`/cases${query({ number, per_page: 1 })}`);
  const hit = (found.items ?? []).find((x) => String(x.case_number).toUpperCase() === number);
  if (!hit) throw numberError(t('jus.error.unknownCase', { number }));
  if ((p.cases ?? []).some((x) => x.case_id === hit.id)) throw numberError(t('jus.error.linked', { number }));
  try {
    await api.post(`/proceedings/${p.id}/cases`, { case_id: hit.id, victim_role: body.victim_role });
  } catch (err) {
    if (err.status === 409) throw numberError(t('jus.error.linked', { number }));
    if (err.status === 404 || (err.status === 400 && err.fieldErrors.some((e) => e.field === 'case_id'))) {
      throw new ApiError(400, { errors: [{ field: 'case_number', reason: t('jus.error.outsideScope', { number }) },
        ...err.fieldErrors.filter((e) => e.field !== 'case_id')] });
    }
    throw err;
  }
}

function proceedingItem(page, p) {
  const { c } = page;
  const mine = (p.cases ?? []).find((x) => x.case_id === c.id);
  const charges = p.charges ?? [];
  const down = [...charges].reverse().find((x) => x.downgrade);
  const v = p.verdict;
  const may = page.ctx.can('justice');
  const pre = `proc-${p.id}`;
  const below = v && v.sentence_months !== null && v.sentence_months !== undefined && v.statutory_minimum_months
    && v.sentence_months < v.statutory_minimum_months;
  return [
    h('h3', { class: 'small-heading', id: `${pre}-title` }, t('jus.proceeding', { date: formatDate(p.opened_date) }), ' ',
      h('span', { class: 'badge badge--stage', text: t(`jus.stage.${p.stage}`) })),
    down ? h('p', { class: 'marker', id: `${pre}-downgrade` }, h('strong', { text: t('jus.downgraded') }), ' ',
      t('jus.downgradedText', { date: formatDate(down.date), charge: articleText(page, down.article, down.paragraph) })) : null,
    h('dl', { class: 'summary-list' },
      row(t('jus.charge'), p.charge ? chargeText(page, p.charge) : ''),
      row(t('jus.victimRole'), mine ? t(`jus.role.${mine.victim_role}`) : ''),
      row(t('jus.prosecutor'), join(p.prosecutor_office, p.prosecutor_specialised ? t('jus.specialised') : t('jus.notSpecialised'))),
      row(t('jus.police'), p.police_unit),
      row(t('jus.court'), p.court),
      row(t('jus.fileNumber'), p.file_number),
      row(t('jus.offenceDate'), formatDate(p.offence_date)),
      row(t('jus.indictment'), formatDate(p.indictment_date)),
      row(t('jus.plea'), p.plea_agreement ? t('jus.pleaOn', { date: formatDate(p.plea_agreement.date) }) : t('jus.noPlea')),
      row(t('jus.verdictLabel'), v ? verdictText(page, v) : ''),
      v?.statutory_minimum_months ? row(t('jus.minimum'), tn('jus.months', v.statutory_minimum_months)) : null,
      row(t('jus.victims'), victimsText(p, c))),
    below ? h('p', { class: 'warning-text', text: t('jus.belowMinimum') }) : null,
    h('details', { class: 'explain' },
      h('summary', { text: t('jus.history') }),
      h('h4', { class: 'small-heading', text: t('jus.charges') }),
      charges.length ? list(charges, (ch) => [
        h('p', null, h('strong', { text: formatDate(ch.date) }), ` · ${t(`jus.stage.${ch.stage}`)} · `, chargeText(page, ch)),
        ch.downgrade ? h('p', { class: 'warning-text', text: t('jus.downgradeMark') })
          : ch.requalification ? h('p', { class: 'muted', text: t('jus.requalified') }) : null,
      ]) : none('jus.noCharges'),
      h('h4', { class: 'small-heading', text: t('jus.stages') }),
      list(p.stages ?? [], (s) => h('p', null, `${formatDate(s.date)} · ${t(`jus.stage.${s.stage}`)}`))),
    sub(t('jus.appeals')),
    (p.appeals ?? []).length ? list(p.appeals, (a) => [
      h('p', null, h('strong', { text: t('jus.appealBy', { who: t(`jus.appellant.${a.appellant}`) }) }), ` · ${t('jus.filed', { date: formatDate(a.filed_date) })}`),
      h('p', { class: 'muted', text: a.decided_date ? join(t('jus.decided', { date: formatDate(a.decided_date) }), code('jus.appealOutcome', a.outcome)) : t('jus.pending') }),
      may && !a.decided_date ? action(page, `${pre}-appeal-${a.id}`, t('jus.decideAppeal'), {
        spec: [{ k: 'decided_date', type: 'date', label: 'jus.decidedDate', req: true, min: a.filed_date },
          { k: 'outcome', type: 'select', label: 'jus.appealOutcomeLabel', req: true, codes: APPEAL_OUTCOMES, prefix: 'jus.appealOutcome' }],
        send: (b) => api.patch(`/proceedings/${p.id}/appeals/${a.id}`, b), section: 'proceedings', done: t('jus.done.appealDecided'),
      }) : null,
    ]) : none('jus.noAppeals'),
    sub(t('jus.hearings')),
    (p.hearings ?? []).filter((x) => x.case_id === c.id).length
      ? list(p.hearings.filter((x) => x.case_id === c.id), hearingItem) : none('jus.noHearings'),
    may ? proceedingActions(page, p, pre) : null,
  ];
}

function proceedingActions(page, p, pre) {
  const charge = p.charge ?? {};
  const done = (key) => t(`jus.done.${key}`);
  const convicted = (f) => f.outcome.value() === 'conviction';
  return h('div', { class: 'no-print' },
    h('h4', { class: 'small-heading', text: t('jus.record') }),
    action(page, `${pre}-stage`, t('jus.moveStage'), {
      spec: [{ k: 'stage', type: 'select', label: 'jus.stageLabel', req: true, codes: STAGES, prefix: 'jus.stage' },
        { k: 'date', type: 'date', label: 'jus.date', req: true, min: p.opened_date }],
      send: (b) => api.post(`/proceedings/${p.id}/stage`, b), section: 'proceedings', done: done('stage'),
    }),
    action(page, `${pre}-charge`, t('jus.addCharge'), {
      explain: t('jus.addChargeExplain'),
      values: { stage: p.stage },
      spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true, min: p.opened_date },
        { k: 'stage', type: 'select', label: 'jus.stageLabel', req: true, codes: STAGES, prefix: 'jus.stage' },
        { k: 'article', type: 'article', req: true },
        { k: 'paragraph', type: 'text', label: 'jus.paragraph', max: 8 }],
      send: (b) => api.post(`/proceedings/${p.id}/charges`, b), section: 'proceedings', done: done('charge'),
    }),
    p.plea_agreement ? null : action(page, `${pre}-plea`, t('jus.recordPlea'), {
      explain: t('jus.pleaExplain'),
      spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true, min: p.opened_date }],
      send: (b) => api.put(`/proceedings/${p.id}/plea`, b), section: 'proceedings', done: done('plea'),
    }),
    action(page, `${pre}-verdict`, t(p.verdict ? 'jus.changeVerdict' : 'jus.recordVerdict'), {
      values: { article: charge.article, paragraph: charge.paragraph, ...(p.verdict ?? {}), outcome: p.verdict?.outcome },
      spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true, min: p.opened_date },
        { k: 'outcome', type: 'radio', label: 'jus.verdictLabel', req: true, codes: VERDICTS, prefix: 'jus.verdict' },
        { k: 'article', type: 'article', when: convicted },
        { k: 'paragraph', type: 'text', label: 'jus.paragraph', max: 8, when: convicted },
        { k: 'sentence_months', type: 'number', label: 'jus.sentence', hint: 'jus.sentenceHint', when: convicted },
        { k: 'suspended', type: 'check', label: 'jus.suspendedLabel', when: convicted },
        { k: 'fine_amount', type: 'number', label: 'jus.fineAmount', when: convicted },
        { k: 'fine_currency', type: 'text', label: 'jus.currency', max: 3, hint: 'jus.currencyHint', when: convicted },
        { k: 'final', type: 'check', label: 'jus.finalLabel' }],
      send: (b) => api.put(`/proceedings/${p.id}/verdict`, b), section: 'proceedings', done: done('verdict'),
    }),
    action(page, `${pre}-appeal`, t('jus.addAppeal'), {
      spec: [{ k: 'filed_date', type: 'date', label: 'jus.filedDate', req: true, min: p.opened_date },
        { k: 'appellant', type: 'select', label: 'jus.appellantLabel', req: true, codes: APPELLANTS, prefix: 'jus.appellant' }],
      send: (b) => api.post(`/proceedings/${p.id}/appeals`, b), section: 'proceedings', done: done('appeal'),
    }),
    page.disclosure(`${pre}-hearing`, t('jus.addHearing'), (close) => hearingForm(page, p, close)),
    action(page, `${pre}-victim`, t('jus.addVictim'), {
      explain: t('jus.addVictimExplain'),
      spec: [{ k: 'case_number', type: 'text', label: 'jus.victimNumber', req: true, max: 14, hint: 'jus.victimNumberHint', hintParams: { example: EXAMPLE_NUMBER } },
        { k: 'victim_role', type: 'select', label: 'jus.victimRoleOther', req: true, codes: ROLES, prefix: 'jus.role' }],
      check: (f, errs) => {
        const v = f.case_number.input.value.trim().toUpperCase();
        // First, as the field is: errors are focused in the order of the form.
        if (v && !CASE_NUMBER.test(v)) errs.unshift({ field: 'case_number', message: t('jus.error.caseNumber', { label: f.case_number.labelText, example: EXAMPLE_NUMBER }) });
      },
      send: (b) => linkVictim(p, b), section: 'proceedings', done: done('linked'),
    }),
    action(page, `${pre}-details`, t('jus.changeDetails'), {
      values: p,
      spec: [{ k: 'offence_date', type: 'date', label: 'jus.offenceDate' },
        { k: 'police_unit', type: 'text', label: 'jus.police' },
        { k: 'prosecutor_office', type: 'text', label: 'jus.prosecutorOffice' },
        { k: 'prosecutor_specialised', type: 'check', label: 'jus.specialisedLabel', hint: 'jus.specialisedHint' },
        { k: 'court', type: 'text', label: 'jus.court' },
        { k: 'file_number', type: 'text', label: 'jus.fileNumber', max: 64 }],
      send: (b) => api.patch(`/proceedings/${p.id}`, b), section: 'proceedings', done: done('details'),
    }));
}

/** A hearing: date, confrontation, and per protective measure whether it was
 *  requested, granted and carried out. The server names a measure's error by
 *  its place in the list sent ("measures[1].carried_out"). */
function hearingForm(page, p, close) {
  const pre = `hear-${p.id}`;
  const f = {
    date: field({ id: `${pre}-date`, name: 'date', label: t('jus.hearingDate'), type: 'date', hint: t('jus.hearingDateHint'), attrs: { min: p.opened_date } }),
    confrontation: makeField(page, pre, { k: 'confrontation', type: 'tri', label: 'jus.confrontationLabel', hint: 'jus.confrontationHint' }),
  };
  const groups = MEASURES.map((m, i) => {
    f[`${m}.requested`] = checkField({ id: `${pre}-${i}-req`, name: `${m}-requested`, label: t('jus.requested') });
    f[`${m}.granted`] = checkField({ id: `${pre}-${i}-granted`, name: `${m}-granted`, label: t('jus.granted') });
    f[`${m}.carried_out`] = makeField(page, `${pre}-${i}`, { k: 'carried_out', type: 'tri', label: 'jus.carriedOut' });
    return h('fieldset', { class: 'fieldset measure' }, h('legend', { text: t(`jus.m.${m}`) }),
      f[`${m}.requested`], f[`${m}.granted`], f[`${m}.carried_out`]);
  });
  f.note = textareaField({ id: `${pre}-note`, name: 'note', label: t('common.note'), required: false, hint: t('common.noteHint'), attrs: { maxlength: 4000, rows: 3 } });
  let sent = [];
  const chosen = () => MEASURES.filter((m) => f[`${m}.requested`].input.checked || f[`${m}.granted`].input.checked);
  const sync = () => { for (const m of MEASURES) f[`${m}.carried_out`].hidden = !f[`${m}.granted`].input.checked; };
  const form = page.smallForm({
    heading: t('jus.addHearing'), explain: t('jus.hearingExplain'), fields: f, submitLabel: t('jus.save'), cancel: close,
    body: [f.date, f.confrontation, h('p', { class: 'key-fact' }, h('strong', { text: t('jus.measures') })), h('p', { class: 'hint', text: t('jus.measuresHint') }), groups, f.note],
    resolve: (name) => {
      const m = /^measures\[(\d+)\]\.(\w+)$/.exec(String(name ?? ''));
      return m && sent[Number(m[1])] ? `${sent[Number(m[1])]}.${m[2]}` : String(name ?? '').replace(/\[\d+\]$/, '');
    },
    check: () => {
      const errs = checkFields([{ k: 'date', type: 'date', req: true, future: true, min: p.opened_date }], f);
      const past = f.date.input.value && f.date.input.value <= today();
      for (const m of MEASURES) {
        if (past && f[`${m}.granted`].input.checked && !f[`${m}.carried_out`].input.value) {
          errs.push({ field: `${m}.carried_out`, message: t('jus.error.carriedOut', { measure: t(`jus.m.${m}`) }) });
        }
      }
      return errs;
    },
    submit: async () => {
      sent = chosen();
      const body = { date: f.date.input.value, case_id: page.c.id, measures: sent.map((m) => {
        const co = f[`${m}.carried_out`].input.value;
        const granted = f[`${m}.granted`].input.checked;
        return { measure: m, requested: f[`${m}.requested`].input.checked, granted, carried_out: granted && co ? co === 'true' : null };
      }) };
      const conf = f.confrontation.input.value;
      if (conf) body.confrontation = conf === 'true';
      const note = f.note.input.value.trim();
      if (note) body.note = note;
      await api.post(`/proceedings/${p.id}/hearings`, body);
      await refresh(page, 'proceedings', t('jus.done.hearing'));
    },
  });
  form.addEventListener('change', sync);
  sync();
  return form;
}

function claimItem(page, cl, procs) {
  const may = page.ctx.can('justice');
  const proc = procs.find((x) => x.id === cl.proceeding_id);
  return [
    h('p', { class: 'records__title' }, h('strong', { text: t(`jus.forum.${cl.forum}`) }), ` · ${code('jus.claim', cl.status)}`),
    h('p', null, join(t('jus.claimed', { date: formatDate(cl.claimed_date) }), money(cl.amount_claimed, cl.currency),
      proc ? t('jus.inProceeding', { date: formatDate(proc.opened_date) }) : '')),
    cl.award_date || cl.amount_awarded !== null && cl.amount_awarded !== undefined
      ? h('p', null, join(t('jus.awarded', { date: formatDate(cl.award_date) }), money(cl.amount_awarded, cl.currency))) : null,
    cl.amount_paid !== null && cl.amount_paid !== undefined
      ? h('p', null, join(t('jus.paid', { date: formatDate(cl.paid_date) }), money(cl.amount_paid, cl.currency))) : null,
    cl.status === 'awarded' && !cl.amount_paid ? h('p', { class: 'warning-text', text: t('jus.notPaid') }) : null,
    may ? action(page, `claim-${cl.id}`, t('jus.updateClaim'), {
      values: cl,
      spec: [{ k: 'status', type: 'select', label: 'jus.claimStatus', codes: CLAIM_STATUSES, prefix: 'jus.claim' },
        { k: 'award_date', type: 'date', label: 'jus.awardDate', min: cl.claimed_date },
        { k: 'amount_awarded', type: 'number', label: 'jus.amountAwarded' },
        { k: 'amount_paid', type: 'number', label: 'jus.amountPaid' },
        { k: 'paid_date', type: 'date', label: 'jus.paidDate', min: cl.claimed_date }],
      send: (b) => api.patch(`/cases/${page.c.id}/compensation/${cl.id}`, b), section: 'proceedings', done: t('jus.done.claim'),
    }) : null,
  ];
}

function drawProceedings(slot, page, items) {
  const { c } = page;
  const may = page.ctx.can('justice');
  const claims = c.compensation_claims ?? [];
  replace(slot,
    items.length ? list(items, (p) => proceedingItem(page, p), 'records records--cards') : none('jus.none'),
    may ? action(page, 'proc-new', t('jus.open'), {
      explain: t('jus.openExplain'),
      spec: [{ k: 'opened_date', type: 'date', label: 'jus.openedDate', req: true },
        { k: 'victim_role', type: 'select', label: 'jus.victimRole', req: true, codes: ROLES, prefix: 'jus.role' },
        { k: 'charge.article', type: 'article', req: true },
        { k: 'charge.paragraph', type: 'text', label: 'jus.paragraph', max: 8 },
        { k: 'prosecutor_specialised', type: 'check', label: 'jus.specialisedLabel', hint: 'jus.specialisedHint' },
        { k: 'prosecutor_office', type: 'text', label: 'jus.prosecutorOffice' },
        { k: 'police_unit', type: 'text', label: 'jus.police' },
        { k: 'court', type: 'text', label: 'jus.court' },
        { k: 'file_number', type: 'text', label: 'jus.fileNumber', max: 64 },
        { k: 'offence_date', type: 'date', label: 'jus.offenceDate' }],
      send: (b) => api.post(`/cases/${c.id}/proceedings`, b), section: 'proceedings', done: t('jus.done.opened'),
    }) : null,
    sub(t('jus.compensation')),
    h('p', { class: 'explain-text', text: t('jus.compensationExplain') }),
    claims.length ? list(claims, (cl) => claimItem(page, cl, items)) : none('jus.noClaims'),
    may ? action(page, 'claim-new', t('jus.addClaim'), {
      values: { currency: 'RSD' },
      spec: [{ k: 'forum', type: 'select', label: 'jus.forum', req: true, codes: FORUMS, prefix: 'jus.forum' },
        { k: 'proceeding_id', type: 'select', label: 'jus.claimProceeding',
          options: items.map((p) => ({ value: String(p.id), label: t('jus.proceeding', { date: formatDate(p.opened_date) }) })) },
        { k: 'claimed_date', type: 'date', label: 'jus.claimedDate', req: true },
        { k: 'amount_claimed', type: 'number', label: 'jus.amountClaimed' },
        { k: 'currency', type: 'text', label: 'jus.currency', max: 3, hint: 'jus.currencyHint' }],
      send: (b) => api.post(`/cases/${c.id}/compensation`, { ...b, ...(b.proceeding_id ? { proceeding_id: Number(b.proceeding_id) } : {}) }),
      section: 'proceedings', done: t('jus.done.claimAdded'),
    }) : null);
}

export const proceedingsPart = {
  id: 'proceedings',
  kinds: ['proceeding', 'compensation'],
  present: (c) => Array.isArray(c.proceedings),
  render(slot, page) {
    const { c } = page;
    const body = h('div', { 'aria-busy': 'true' }, none('common.loading'));
    replace(slot, page.sectionTitle('proceedings', t('jus.title')), h('p', { class: 'explain-text', text: t('jus.explain') }), body);
    if (page.justice?.c === c) {
      body.removeAttribute('aria-busy');
      drawProceedings(body, page, page.justice.items);
      return;
    }
    proceedingsOf(c).then((items) => {
      if (page.c !== c || !body.isConnected) return;
      page.justice = { c, items };
      body.removeAttribute('aria-busy');
      drawProceedings(body, page, page.justice.items);
    }).catch((err) => {
      if (err.status === 401 || !body.isConnected) return;
      body.removeAttribute('aria-busy');
      replace(body, h('p', { class: 'error-text', role: 'alert', text: page.ctx.describeError(err) }));
    });
  },
  eventText: (e, page) => eventText(e, page),
};

// ---- protection -------------------------------------------------------------

const PROTECTION_MEMBERS = ['threats', 'protection_measures', 'victim_proceedings', 'removals', 'identity_disclosures', 'age_assessments'];

function victimProceedingItem(page, vp) {
  const may = page.ctx.can('justice');
  const penalised = vp.outcome === 'penalty';
  return [
    h('p', { class: 'records__title' }, h('strong', { text: join(t(`prot.vpKind.${vp.kind}`), t(`prot.offence.${vp.offence}`)) }),
      ` · ${t(`prot.outcome.${vp.outcome}`)}${vp.penalty ? ` (${t(`prot.penalty.${vp.penalty}`)})` : ''}`),
    h('p', null, join(vp.offence_date ? t('prot.offenceOn', { date: formatDate(vp.offence_date) }) : '', vp.authority,
      vp.outcome_date ? t('prot.outcomeOn', { date: formatDate(vp.outcome_date) }) : '')),
    h('p', null, `${t('prot.during')}: ${yesNo(vp.during_exploitation)}`),
    vp.non_punishment_assessed
      ? h('p', null, t('prot.assessed', { date: formatDate(vp.assessment_date) }))
      : h('p', { class: penalised || vp.during_exploitation ? 'warning-text' : 'muted', text: t('prot.notAssessed') }),
    penalised && vp.during_exploitation ? h('p', { class: 'warning-text', text: t('prot.punished') }) : null,
    noteText(vp.note),
    may ? action(page, `vp-${vp.id}`, t('prot.vpUpdate'), {
      values: vp,
      spec: vpSpec(false),
      send: (b) => api.patch(`/cases/${page.c.id}/victim-proceedings/${vp.id}`, b), section: 'protection', done: t('prot.done.vp'),
    }) : null,
  ];
}

function vpSpec(creating) {
  const penalty = (f) => f.outcome.input.value === 'penalty';
  return [
    creating ? { k: 'kind', type: 'select', label: 'prot.vpKindLabel', req: true, codes: VP_KINDS, prefix: 'prot.vpKind' } : null,
    creating ? { k: 'offence', type: 'select', label: 'prot.offenceLabel', req: true, codes: VP_OFFENCES, prefix: 'prot.offence' } : null,
    creating ? { k: 'offence_date', type: 'date', label: 'prot.offenceDate' } : null,
    { k: 'during_exploitation', type: 'tri', label: 'prot.during', hint: 'prot.duringHint' },
    creating ? { k: 'authority', type: 'text', label: 'prot.authority' } : null,
    { k: 'outcome', type: 'select', label: 'prot.outcomeLabel', req: true, codes: VP_OUTCOMES, prefix: 'prot.outcome' },
    { k: 'penalty', type: 'select', label: 'prot.penaltyLabel', req: true, codes: PENALTIES, prefix: 'prot.penalty', when: penalty },
    { k: 'outcome_date', type: 'date', label: 'prot.outcomeDate' },
    { k: 'non_punishment_assessed', type: 'check', label: 'prot.assessedLabel', hint: 'prot.assessedHint' },
    { k: 'assessment_date', type: 'date', label: 'prot.assessmentDate', when: (f) => f.non_punishment_assessed.input.checked },
    { k: 'note', type: 'note', label: 'common.note' },
  ].filter(Boolean);
}

export const protectionPart = {
  id: 'protection',
  kinds: ['threat', 'protection', 'victim_proceeding', 'removal', 'disclosure', 'unaccompanied', 'age_assessment'],
  present: (c) => PROTECTION_MEMBERS.some((k) => Array.isArray(c[k])) || 'unaccompanied' in c,
  render(slot, page) {
    const { c, ctx } = page;
    const justice = ctx.can('justice');
    const assist = ctx.can('assist');
    const done = (k) => t(`prot.done.${k}`);
    const send = (path) => (b) => api.post(`/cases/${c.id}/${path}`, b);
    const threats = c.threats ?? [];
    // Whether a child is unaccompanied is asked for children and persons of unknown age.
    const childish = 'unaccompanied' in c && (c.person?.child !== false || c.unaccompanied !== null);
    const threatOptions = threats.map((x) => ({ value: String(x.id), label: join(formatDate(x.date), t(`prot.threat.${x.kind}`)) }));
    replace(slot,
      page.sectionTitle('protection', t('prot.title')),
      h('p', { class: 'explain-text', text: t('prot.explain') }),
      Array.isArray(c.threats) ? [
        sub(t('prot.threats')),
        threats.length ? list(threats, (x) => [
          h('p', null, h('strong', { text: t(`prot.threat.${x.kind}`) }), ` · ${formatDate(x.date)}`, x.source ? ` · ${t('prot.from', { source: t(`prot.source.${x.source}`) })}` : ''),
          noteText(x.note)]) : none('prot.noThreats'),
        justice ? action(page, 'threat-new', t('prot.addThreat'), {
          spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true },
            { k: 'kind', type: 'select', label: 'prot.threatKind', req: true, codes: THREATS, prefix: 'prot.threat' },
            { k: 'source', type: 'select', label: 'prot.sourceLabel', codes: SOURCES, prefix: 'prot.source' },
            { k: 'note', type: 'note', label: 'common.note' }],
          send: send('threats'), section: 'protection', done: done('threat'),
        }) : null] : null,
      Array.isArray(c.protection_measures) ? [
        sub(t('prot.measures')),
        c.protection_measures.length ? list(c.protection_measures, (m) => [
          h('p', null, h('strong', { text: t(`prot.measure.${m.measure}`) }), ` · ${t('prot.since', { date: formatDate(m.date) })}`,
            m.end_date ? ` · ${t('prot.until', { date: formatDate(m.end_date) })}` : ` · ${t('prot.ongoing')}`),
          noteText(m.note),
          justice && !m.end_date ? action(page, `pm-end-${m.id}`, t('prot.endMeasure'), {
            spec: [{ k: 'end_date', type: 'date', label: 'prot.endDate', req: true, min: m.date }],
            send: (b) => api.patch(`/cases/${c.id}/protection-measures/${m.id}`, b), section: 'protection', done: done('measureEnded'),
          }) : null]) : none('prot.noMeasures'),
        justice ? action(page, 'pm-new', t('prot.addMeasure'), {
          spec: [{ k: 'date', type: 'date', label: 'prot.startDate', req: true },
            { k: 'measure', type: 'select', label: 'prot.measureLabel', req: true, codes: PROTECTIONS, prefix: 'prot.measure' },
            threatOptions.length ? { k: 'threat_id', type: 'select', label: 'prot.threatLabel', options: threatOptions } : null,
            { k: 'end_date', type: 'date', label: 'prot.endDate' },
            { k: 'note', type: 'note', label: 'common.note' }].filter(Boolean),
          send: (b) => api.post(`/cases/${c.id}/protection-measures`, b.threat_id ? { ...b, threat_id: Number(b.threat_id) } : b),
          section: 'protection', done: done('measure'),
        }) : null] : null,
      Array.isArray(c.victim_proceedings) ? [
        sub(t('prot.vps')),
        h('p', { class: 'explain-text', text: t('prot.vpExplain') }),
        c.victim_proceedings.length ? list(c.victim_proceedings, (vp) => victimProceedingItem(page, vp)) : none('prot.noVps'),
        justice ? action(page, 'vp-new', t('prot.addVp'), {
          spec: vpSpec(true), send: send('victim-proceedings'), section: 'protection', done: done('vpAdded'),
        }) : null] : null,
      Array.isArray(c.removals) ? [
        sub(t('prot.removals')),
        c.removals.length ? list(c.removals, (r) => [h('p', null, h('strong', { text: t(`prot.removal.${r.kind}`) }), ` · ${join(formatDate(r.date), r.authority)}`), noteText(r.note)])
          : none('prot.noRemovals'),
        assist ? action(page, 'removal-new', t('prot.addRemoval'), {
          spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true },
            { k: 'kind', type: 'select', label: 'prot.removalKind', req: true, codes: REMOVALS, prefix: 'prot.removal' },
            { k: 'authority', type: 'text', label: 'prot.authority' },
            { k: 'note', type: 'note', label: 'common.note' }],
          send: send('removals'), section: 'protection', done: done('removal'),
        }) : null] : null,
      Array.isArray(c.identity_disclosures) ? [
        sub(t('prot.disclosures')),
        h('p', { class: 'explain-text', text: t('prot.disclosureExplain') }),
        c.identity_disclosures.length ? list(c.identity_disclosures, (d) => [
          h('p', null, h('strong', { text: t('prot.disclosedTo', { recipient: t(`prot.recipient.${d.recipient}`) }) }),
            ` · ${join(formatDate(d.date), t(`prot.channel.${d.channel}`))}`), noteText(d.note)]) : none('prot.noDisclosures'),
        assist ? action(page, 'disclosure-new', t('prot.addDisclosure'), {
          spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true },
            { k: 'recipient', type: 'select', label: 'prot.recipientLabel', req: true, codes: RECIPIENTS, prefix: 'prot.recipient' },
            { k: 'channel', type: 'select', label: 'prot.channelLabel', req: true, codes: CHANNELS, prefix: 'prot.channel' },
            { k: 'note', type: 'note', label: 'common.note' }],
          send: send('identity-disclosures'), section: 'protection', done: done('disclosure'),
        }) : null] : null,
      childish || Array.isArray(c.age_assessments) ? [
        sub(t('prot.child')),
        childish ? h('p', { class: 'key-fact' }, `${t('prot.unaccompanied')}: `, h('strong', { text: yesNo(c.unaccompanied) })) : null,
        assist && childish ? action(page, 'unaccompanied', t('prot.setUnaccompanied'), {
          values: { unaccompanied: c.unaccompanied === null || c.unaccompanied === undefined ? undefined : String(c.unaccompanied) },
          spec: [{ k: 'unaccompanied', type: 'radio', label: 'prot.unaccompanied', req: true,
            options: [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }] }],
          send: (b) => api.put(`/cases/${c.id}/unaccompanied`, { unaccompanied: b.unaccompanied === 'true' }),
          section: 'protection', done: done('unaccompanied'),
        }) : null,
        Array.isArray(c.age_assessments) ? [
          h('h4', { class: 'small-heading', text: t('prot.ages') }),
          c.age_assessments.length ? list(c.age_assessments, (a) => [
            h('p', null, h('strong', { text: t(`prot.age.${a.result}`) }), ` · ${join(formatDate(a.date), a.method ? t(`prot.method.${a.method}`) : '')}`), noteText(a.note)])
            : none('prot.noAges'),
          assist ? action(page, 'age-new', t('prot.addAge'), {
            explain: t('prot.ageExplain'),
            spec: [{ k: 'date', type: 'date', label: 'jus.date', req: true },
              { k: 'result', type: 'select', label: 'prot.ageResult', req: true, codes: AGE_RESULTS, prefix: 'prot.age' },
              { k: 'method', type: 'select', label: 'prot.ageMethod', codes: AGE_METHODS, prefix: 'prot.method' },
              { k: 'note', type: 'note', label: 'common.note' }],
            send: send('age-assessments'), section: 'protection', done: done('age'),
          }) : null] : null] : null);
  },
  eventText: (e, page) => eventText(e, page),
};

/** A justice or protection event on the timeline in words ("Charge
 *  changed: Art. 184(1) · downgraded"); an action the catalog does not know
 *  is shown by its codes, so nothing recorded is hidden. */
function eventText(e, page) {
  const d = e.detail ?? {};
  const params = {
    charge: articleText(page, d.article, d.paragraph), stage: code('jus.stage', d.stage),
    who: code('jus.appellant', d.appellant), forum: code('jus.forum', d.forum),
    outcome: code(e.action === 'verdict' ? 'jus.verdict' : 'jus.appealOutcome', d.outcome),
  };
  let key = `event.${e.kind}.${e.action}`;
  if (e.kind === 'proceeding' && e.action === 'appeal' && d.outcome) key = 'event.proceeding.appealDecided';
  if (!has(key) && e.kind === 'victim_proceeding') { key = 'event.victim_proceeding.outcome'; params.outcome = code('prot.outcome', e.action); }
  if (!has(key) && e.kind === 'compensation') { key = 'event.compensation.status'; params.status = code('jus.claim', e.action); }
  const text = has(key) ? t(key, params) : join(e.kind, e.action);
  return d.downgrade ? `${text} · ${t('jus.downgradeMark')}` : text;
}

export const JUSTICE_PARTS = [proceedingsPart, protectionPart];
