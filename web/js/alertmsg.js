// The per-case message of a compliance alert in the user's language. The
// server writes each alert's `message` in English (src/domain/compliance_rules.c)
// and, beside it, a `detail` object of codes, dates and numbers. In Serbian
// the message is made here from the rule's template (alerts.msg.<rule>, or
// alerts.msg.<rule>.<variant> when the rule writes several messages) filled
// from `detail`: dates with the UI's date format, codes with the labels the
// rest of the UI uses. Placeholders are named after the detail keys.
// English keeps the server's own message, so the two cannot drift; so does
// any alert whose rule, variant or detail this file does not know: it is then
// shown in English and marked lang="en". docs/compliance.md, "Languages".
import { t, tn, has, language, formatDate, formatNumber } from './i18n.js';
import { label } from './vocab.js';

// ---- how one detail value is written ---------------------------------------
// A formatter takes (value, detail, vocab) and answers the text, or null when
// the value cannot be written (the template is then not used).

const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isCount = (v) => Number.isInteger(v) && v >= 0;
const filled = (v) => typeof v === 'string' && v !== '';

const date = (v) => (isDate(v) ? formatDate(v) : null);
const number = (v) => (Number.isInteger(v) ? formatNumber(v) : null);
const days = (v) => (isCount(v) ? tn('alerts.unit.days', v) : null);
const workingDays = (v) => (isCount(v) ? tn('alerts.unit.workingDays', v) : null);
const holidays = (v) => (isCount(v) ? tn('alerts.unit.holidays', v) : null);
const months = (v) => (isCount(v) ? tn('jus.months', v) : null);
const text = (v) => (filled(v) ? v : null);

// A label starts with a capital; inside a sentence it is written in lower
// case (not an abbreviation such as "MOR").
const lower = (s) => (s.length > 1 && s[1] === s[1].toLocaleLowerCase() ? s[0].toLocaleLowerCase() + s.slice(1) : s);

/** A code with its catalog label PREFIX+code (the code itself when the
 *  catalog has none); EMPTY names the phrase for an empty code. */
const code = (prefix, { mid = true, empty = null } = {}) => (v) => {
  if (v === '' && empty) return t(empty);
  if (!filled(v)) return null;
  const s = has(`${prefix}${v}`) ? t(`${prefix}${v}`) : v;
  return mid ? lower(s) : s;
};
/** A code of a server vocabulary (service types, ...), as the case page
 *  shows it; null without the vocabularies (the English message is shown). */
const vocabulary = (kind) => (v, d, vocab) => (filled(v) && vocab?.[kind] ? label(vocab, kind, v) : null);
/** A flag: the phrase alerts.phrase.<YES> when the value is true or 1, else NO. */
const flag = (yes, no) => (v) => (v === true || v === 1 ? t(`alerts.phrase.${yes}`) : t(`alerts.phrase.${no}`));
/** The article, with its paragraph when the detail has one. */
const article = (v, d) => {
  if (!filled(v)) return null;
  return filled(d.paragraph) ? t('jus.articlePara', { article: v, para: d.paragraph }) : t('jus.article', { article: v });
};
/** "40% (2 of 5)": the share of OF (a detail key) that V is. */
const share = (of) => (v, d) => {
  if (!isCount(v) || !Number.isInteger(d[of]) || d[of] <= 0) return null;
  const pct = new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 0 }).format(v / d[of]);
  return t('assess.ev.share', { value: pct, n: formatNumber(v), of: formatNumber(d[of]) });
};
/** Measure codes joined by ", " in the detail: a list in words. */
const measures = (v) => {
  if (!filled(v)) return null;
  const names = v.split(',').map((m) => m.trim()).filter(Boolean).map(code('jus.m.'));
  return new Intl.ListFormat(language(), { type: 'conjunction' }).format(names);
};

// ---- the rules -------------------------------------------------------------
// Per rule: which template (the variant, from what detail holds, in the
// order the C rule decides it) and how each placeholder is written; a
// placeholder not listed is a date when it ends in "date", else plain text.

const noDate = (v) => (filled(v) ? '' : 'NoDate');

const RULES = {
  'assistance-conditional-on-cooperation': {
    variant: (d) => (d.stop_reason === 'cooperation_declined' ? `reason${noDate(d.end_date)}` : 'after'),
    fields: { service: vocabulary('service'), status: code('svc.status.'), days_after: days, days },
  },
  'service-without-consent': {
    variant: (d) => (filled(d.start_date) ? '' : 'noStart'),
    fields: { service: vocabulary('service'), status: code('svc.status.') },
  },
  'reflection-period-missing': {
    variant: (d) => ('reflection_date' in d ? 'late' : 'none'),
    fields: { deadline: date, days_after: days, days },
  },
  'reflection-period-short': {
    variant: (d) => ('planned_end_date' in d ? 'planned' : filled(d.grounds) ? 'endedGrounds' : 'ended'),
    fields: { planned_days: days, days, min_days: days, grounds: code('refl.ground.', { mid: false }) },
  },
  'removal-during-identification': {
    variant: (d) => ('reflection_start' in d ? (filled(d.reflection_end) ? 'reflection' : 'reflectionOpen')
      : filled(d.conclusive_date) ? 'beforeConclusive' : 'noConclusive'),
    fields: { kind: code('prot.removal.'), reflection_start: date, reflection_end: date },
  },
  'identification-overdue': {
    variant: (d) => ('working_days' in d ? `reasonableGrounds${d.holidays_skipped > 0 ? 'Holidays' : ''}` : 'conclusive'),
    fields: { working_days: workingDays, days, limit: (v, d) => ('working_days' in d ? workingDays(v) : days(v)), holidays_skipped: holidays },
  },
  'identification-without-reasons': {
    variant: (d) => (filled(d.date) ? '' : 'noDate'),
    fields: { stage: code('stage.', { mid: false }), outcome: code('outcome.') },
  },
  'age-uncertain-treated-as-adult': {
    variant: (d) => ('place' in d ? 'placement' : 'decision'),
    fields: { place: code('place.place.'), stage: code('stage.', { mid: false }) },
  },
  'child-without-guardian': {
    variant: (d) => ('guardian_date' in d ? 'late' : 'none'),
    fields: { deadline: date, days },
  },
  'child-not-in-education': {
    fields: { assisted_from: date, assisted_until: date, days_assisted: days, days },
  },
  'victim-penalised': {
    variant: (d) => (d.outcome === 'pending' ? 'pending' : filled(d.penalty) ? 'penalty' : 'penaltyUnspecified'),
    fields: { kind: code('prot.vpKind.', { mid: false }), offence: code('prot.offence.', { mid: false }),
      during_exploitation: flag('during', 'linked'), penalty: code('prot.penalty.') },
  },
  'no-specialised-prosecutor': {
    variant: (d) => (filled(d.trafficking_article) ? 'article' : 'screened') + noDate(d.opened_date),
    fields: {},
  },
  'charge-downgraded': {
    variant: (d) => (d.stage === 'verdict' ? 'verdict' : 'changed') + noDate(d.date),
    fields: {},
  },
  'plea-deal-child-victim': {
    variant: (d) => (filled(d.plea_date) ? '' : 'noDate'),
    fields: { this_victim_child: flag('thisChild', 'anyChild') },
  },
  'lenient-sentence': {
    variant: (d) => (d.suspended === true ? 'suspended'
      : isCount(d.sentence_months) && isCount(d.statutory_min_months) && d.sentence_months < d.statutory_min_months
        ? 'belowStatutory' : 'belowThreshold'),
    fields: { article, sentence_months: months, statutory_min_months: months, min_months: months },
  },
  'compensation-not-claimed': {
    variant: (d) => (filled(d.indictment_date) ? 'indicted' : 'atStage'),
    fields: { stage: code('jus.stage.') },
  },
  'compensation-unpaid': {
    variant: (d) => (Number.isInteger(d.amount_awarded) && d.amount_awarded >= 0 ? 'partly' : 'none'),
    fields: { forum: code('jus.forum.'), amount_awarded: number, amount_paid: number, months },
  },
  'vulnerable-witness-not-implemented': {
    variant: (d) => (filled(d.not_carried_out) ? (d.confrontation === true ? 'both' : 'missed') : 'confronted') + noDate(d.date),
    fields: { not_carried_out: measures },
  },
  'threat-without-protection': {
    fields: { kind: code('prot.threat.'), deadline: date, days },
  },
  'non-specialised-accommodation': {
    variant: (d) => (d.in_shelter === false ? 'turnedAway' : 'notSpecialised') + noDate(d.start_date),
    fields: { turn_away_reason: code('place.reason.', { empty: 'alerts.phrase.notRecorded' }),
      alternative: code('place.alt.', { empty: 'alerts.phrase.notRecorded' }) },
  },
  'identity-disclosed': {
    variant: (d) => (filled(d.date) ? '' : 'noDate'),
    fields: { recipient: code('prot.recipient.', { empty: 'alerts.phrase.notRecorded' }),
      channel: code('prot.channel.', { empty: 'alerts.phrase.notRecorded' }) },
  },
  'unequal-access-foreign': {
    fields: { service: vocabulary('service'), nationals_served: share('nationals'), foreign_served: share('foreign'), gap_points: number },
  },
};

/** The catalog key of the template for alert A ('' when the rule is not known). */
export function templateKey(a) {
  const rule = RULES[a?.rule];
  if (!rule || !a.detail || typeof a.detail !== 'object') return '';
  const v = rule.variant ? rule.variant(a.detail) : '';
  return v ? `alerts.msg.${a.rule}.${v}` : `alerts.msg.${a.rule}`;
}

/** The rule ids this file writes messages for. */
export const knownRules = () => Object.keys(RULES);

/** Alert A's message as {text, lang}: in Serbian made from the template and
 *  A.detail (VOCAB: the /vocabularies answer, for service names); in English,
 *  or when a placeholder cannot be filled, the server's English message,
 *  marked lang="en" outside English. */
export function alertMessage(a, vocab) {
  const english = { text: a?.message ?? '', lang: language() === 'en' ? null : 'en' };
  if (language() === 'en') return english;
  const key = templateKey(a);
  if (!key || !has(key)) return english;
  const { fields } = RULES[a.rule];
  const template = t(key);
  const params = {};
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
    if (!Object.hasOwn(a.detail, name)) return english;
    const format = fields[name] ?? (name.endsWith('date') ? date : text);
    const value = format(a.detail[name], a.detail, vocab);
    if (value === null || value === undefined || value === '') return english;
    params[name] = value;
  }
  // A date ends in "." in Serbian ("5. jan 2025."): no second one after it.
  return { text: t(key, params).replace(/(\d\.)\./g, '$1'), lang: null };
}
