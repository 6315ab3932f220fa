// Screening with the ILO indicators (docs/screening.md). On the case page:
// the latest result, the history, and the questionnaire whose result and
// next step update as boxes are ticked (POST /screening/evaluate, nothing
// stored until "Save"). On the group page: the outcome table and screening
// the members from a CSV file. Profile, dimension and indicator labels come
// from the server in English and Serbian Latin (Cyrillic by transliteration).
// The server's explanation is English only, so the UI builds the same
// explanation in the user's language (English included, so the languages
// never say different things) from the result: the positive dimensions and
// by which combination, the dimensions with too few indicators, and what the
// outcome means (src/domain/screening.c says it the same way).
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { field, textareaField, choiceField, controller } from '../forms.js';
import { t, tn, language, formatDate, formatDateTime, formatNumber, today } from '../i18n.js';
import { latinToCyrillic } from '../translit.js';
import { screeningProfiles } from '../vocab.js';
import { statusBadge, dateErrors } from '../caseui.js';

const CHECKLIST = 'forced_labour_11';
const RECRUITMENT = ['deceptive_recruitment', 'coercive_recruitment', 'recruitment_vulnerability'];
const OUTCOMES = ['trafficking', 'possible_trafficking', 'labour_exploitation', 'insufficient_indicators', 'indicators_present', 'no_indicators'];
const WEIGHTS = ['strong', 'medium', 'weak'];

/** A label the server gives as {en, 'sr-Latn'} in the user's language. */
const pick = (o) => {
  const l = language();
  return l === 'en' ? o.en : l === 'sr-Cyrl' ? latinToCyrillic(o['sr-Latn']) : o['sr-Latn'] ?? o.en;
};
const profileOf = (data, id) => data.profiles.find((p) => p.id === id);
const profileName = (data, id) => { const p = profileOf(data, id); return p ? pick(p) : id; };
const indicatorName = (data, id) => {
  for (const p of data.profiles) {
    const i = p.indicators.find((x) => x.id === id);
    if (i) return pick(i);
  }
  return id;
};
const provisional = () => h('span', { class: 'badge badge--provisional', text: t('scr.provisional') });

/** The outcome's label; "labour exploitation" of a sexual-exploitation
 *  profile means exploitation without the other elements of trafficking. */
export function outcomeLabel(outcome, profile) {
  return t(`scr.o.${outcome}${outcome === 'labour_exploitation' && /sexual/.test(profile) ? '.sexual' : ''}`);
}

/** The catalog key suffix for result R: the outcome, and what it depends on
 *  (a child; the sexual profiles; the part missing for possible trafficking). */
function variant(r, data) {
  const o = r.outcome;
  if (/^(trafficking|insufficient_indicators)$/.test(o) && profileOf(data, r.profile)?.age === 'child') return `${o}.child`;
  if (o === 'labour_exploitation' && /sexual/.test(r.profile)) return `${o}.sexual`;
  if (o === 'possible_trafficking') return `${o}.${RECRUITMENT.some((d) => r.dimensions?.[d]?.positive) ? 'd' : 'r'}`;
  return o;
}

/** Outcome and next step: the two lines a worker acts on. */
function verdict(r, data) {
  return [
    h('p', { class: 'key-fact' }, `${t('scr.outcome')}: `, h('strong', { text: outcomeLabel(r.outcome, r.profile) }),
      r.provisional ? [' ', provisional()] : null),
    h('p', { class: 'key-fact' }, `${t('scr.next')}: `, h('strong', { text: t(`scr.next.${variant(r, data)}`) })),
  ];
}

/** LABEL with its first letter in lower case, for use mid-sentence; a label
 *  that starts with an acronym ("ILO ...") is left as it is. */
function lower(label) {
  const [a, b] = [...(label ?? '')];
  if (!a || a === a.toLowerCase() || (b && b !== b.toLowerCase())) return label ?? '';
  return a.toLowerCase() + label.slice(a.length);
}

/** The combination that makes a dimension with counts X positive (the rule
 *  of lt_screening_combination_of), or null. */
function combination({ strong = 0, medium = 0, weak = 0 }) {
  if (strong >= 2) return 'two_strong';
  if (strong === 1 && medium >= 1) return 'strong_medium';
  if (strong === 1 && weak >= 1) return 'strong_weak';
  if (medium >= 3) return 'three_medium';
  if (medium === 2 && weak >= 1) return 'two_medium_weak';
  return null;
}

const found = (x) => WEIGHTS.reduce((n, w) => n + (x[w] ?? 0), 0);

/** "1 medium and 2 weak indicators": the noun agrees with the last number,
 *  as Serbian wants ("1 srednje jak i 2 slaba indikatora"). */
function counts(x) {
  const present = WEIGHTS.filter((w) => x[w]);
  const parts = present.map((w) => tn(`scr.x.n.${w}`, x[w]));
  const joined = parts.length > 1 ? t('scr.x.and', { a: parts.slice(0, -1).join(', '), b: parts.at(-1) }) : parts[0] ?? '';
  return `${joined} ${tn('scr.x.n.noun', x[present.at(-1)] ?? 0)}`;
}

/** The explanation of result R in the user's language: which dimensions are
 *  positive and by which combination, which have indicators but too few,
 *  and what the outcome means; for the checklist, the indicators present. */
function explanation(r, data) {
  const parts = [];
  if (!r.dimensions) {
    const ids = r.indicators ?? [];
    const total = formatNumber(r.total ?? 11);
    parts.push(ids.length
      ? tn('scr.x.list', ids.length, { total, list: ids.map((i) => lower(indicatorName(data, i))).join(', ') })
      : t('scr.x.listNone', { total }));
  } else {
    const dims = data.dimensions.map((d) => ({ name: lower(pick(d)), x: r.dimensions[d.id] ?? {} }));
    const positive = dims.filter((d) => d.x.positive);
    const short = dims.filter((d) => !d.x.positive && found(d.x));
    if (!dims.some((d) => found(d.x))) parts.push(t('scr.x.none'));
    else if (!positive.length) parts.push(t('scr.x.noPositive'));
    else {
      parts.push(tn('scr.x.positive', positive.length, {
        list: positive.map((d) => {
          const c = combination(d.x);
          return `${d.name} (${c ? t(`scr.x.c.${c}`) : counts(d.x)})`;
        }).join('; '),
      }));
    }
    if (short.length) {
      parts.push(tn('scr.x.short', short.length, { list: short.map((d) => `${d.name} (${counts(d.x)})`).join('; ') }),
        t('scr.rule'));
    }
  }
  parts.push(t(`scr.mean.${variant(r, data)}`));
  if (r.provisional) parts.push(t('scr.provNote'));
  return parts.join(' ');
}

/** Why: the explanation, and what was found by dimension. The rule of
 *  combinations goes under the table unless the explanation already says it
 *  (it does when some dimension fell short). */
function detail(r, data) {
  const dims = r.dimensions;
  const short = dims && Object.values(dims).some((x) => !x.positive && found(x));
  return [
    h('p', { class: 'explain-text', text: explanation(r, data) }),
    dims ? h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack scr-dims' },
      h('caption', { text: t('scr.byDimension') }),
      h('thead', null, h('tr', null, [t('scr.dimension'), ...WEIGHTS.map((w) => t(`scr.${w}`)), t('scr.result')]
        .map((x) => h('th', { scope: 'col', text: x })))),
      h('tbody', null, data.dimensions.map((d) => {
        const x = dims[d.id] ?? {};
        return h('tr', null,
          h('th', { scope: 'row', 'data-label': t('scr.dimension'), text: pick(d) }),
          WEIGHTS.map((w) => h('td', { 'data-label': t(`scr.${w}`), text: formatNumber(x[w] ?? 0) })),
          h('td', { 'data-label': t('scr.result') }, x.positive ? h('strong', { text: t('scr.positive') }) : t('scr.notPositive')));
      }))), short ? null : h('p', { class: 'muted small', text: t('scr.rule') })) : null,
  ];
}

// ---- the case page ----------------------------------------------------------

export const screeningPart = {
  id: 'screening',
  kinds: ['screening'],
  render(slot, page) {
    // The heading stays put while the rest loads: after a save it holds the
    // focus, and the notice goes right after it.
    const body = h('div', null, h('p', { class: 'muted', text: t('common.loading') }));
    replace(slot, page.sectionTitle('screening', t('scr.title')), body);
    screeningProfiles().then((data) => {
      if (page.ctx.isCurrent()) draw(body, page, data);
    }).catch((err) => {
      if (err.status !== 401) replace(body, h('p', { class: 'error-text', text: page.ctx.describeError(err) }));
    });
  },
  eventText(e) {
    const d = e.detail ?? {};
    return `${t('scr.event')}: ${outcomeLabel(d.outcome, d.profile)}`;
  },
};

function draw(body, page, data) {
  const { c, ctx } = page;
  const s = c.screening;
  const history = h('div');
  const past = h('details', { class: 'explain' }, h('summary', { text: t('scr.history') }), history);
  past.addEventListener('toggle', () => {
    if (!past.open || history.dataset.done) return;
    history.dataset.done = '1';
    replace(history, h('p', { class: 'muted', text: t('common.loading') }));
    api.get(`/cases/${c.id}/screenings`).then((res) => replace(history, res.items?.length
      ? h('ul', { class: 'records' }, res.items.map((x) => h('li', null,
        h('p', { class: 'records__title' }, h('strong', { text: formatDate(x.date) }), ' · ',
          outcomeLabel(x.outcome, x.profile), x.result?.provisional ? [' ', provisional()] : null),
        h('p', { class: 'muted', text: `${profileName(data, x.profile)} · ${tn('scr.count', x.indicators?.length ?? 0)} · ${t('case.recordedAt', { time: formatDateTime(x.recorded_at) })}` }),
        x.note ? h('p', { class: 'reasons', text: x.note }) : null)))
      : h('p', { class: 'muted', text: t('scr.none') }))).catch((err) => {
      delete history.dataset.done;
      if (err.status !== 401) replace(history, h('p', { class: 'error-text', text: ctx.describeError(err) }));
    });
  });
  replace(body,
    h('p', { class: 'explain-text', text: t('scr.explain') }),
    s ? [
      h('h3', { class: 'small-heading', text: t('scr.latest', { date: formatDate(s.date) }) }),
      verdict(s.result, data),
      detail(s.result, data),
      h('p', { class: 'muted', text: `${profileName(data, s.profile)} · ${t('case.recordedAt', { time: formatDateTime(s.recorded_at) })}` }),
      s.note ? h('p', { class: 'reasons' }, h('span', { class: 'visually-hidden', text: `${t('common.note')}: ` }), s.note) : null,
    ] : h('p', { class: 'muted', text: t('scr.notYet', { profile: profileName(data, c.proposed_screening_profile) }) }),
    ctx.can('assist') ? page.disclosure('screen', t('scr.screen'), (close) => questionnaire(page, data, close)) : null,
    s ? past : null);
}

/** The questionnaire: profile, indicators by dimension, the live result,
 *  date and note. */
function questionnaire(page, data, close) {
  const { c } = page;
  const proposed = profileOf(data, c.proposed_screening_profile) ? c.proposed_screening_profile : 'adult_labour';
  const order = [profileOf(data, CHECKLIST), ...data.profiles.filter((p) => p.id !== CHECKLIST)].filter(Boolean);
  const profile = choiceField({ id: 'scr-profile', name: 'profile', legend: t('scr.profile'), value: proposed,
    options: order.map((p) => ({
      value: p.id,
      label: `${pick(p)}${p.id === proposed ? ` (${t('scr.proposed')})` : ''}`,
      hint: p.id === CHECKLIST ? t('scr.quick') : p.provisional ? t('scr.provHint') : null,
    })) });
  const boxes = h('div', { class: 'field', id: 'scr-indicators' });
  boxes.error = h('p', { class: 'field-error', id: 'scr-indicators-error', hidden: true });
  boxes.labelText = t('scr.indicators');
  const now = h('div', { class: 'scr-now', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const more = h('div');
  const chosen = () => [...boxes.querySelectorAll('input:checked')].map((x) => x.value);
  const f = {
    profile,
    indicators: boxes,
    date: field({ id: 'scr-date', name: 'date', label: t('scr.date'), type: 'date', attrs: { max: today(), min: c.referral?.date, value: today() } }),
    note: textareaField({ id: 'scr-note', name: 'note', label: t('common.note'), required: false, hint: t('common.noteHint'), attrs: { maxlength: 4000, rows: 3 } }),
  };

  let timer = 0;
  let seq = 0;
  const evaluate = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const n = ++seq;
      api.post('/screening/evaluate', { profile: profile.value(), indicators: chosen() }).then((r) => {
        if (n !== seq || !now.isConnected) return;
        replace(now, verdict(r, data));
        replace(more, detail(r, data));
      }).catch((err) => {
        if (n !== seq || err.status === 401) return;
        replace(now, h('p', { class: 'warning-text', text: t('scr.evalFailed', { reason: page.ctx.describeError(err) }) }));
        more.replaceChildren();
      });
    }, 250);
  };

  // Ticks survive a change of list (ids shared by the weighted lists).
  const keep = new Set();
  const drawBoxes = () => {
    const p = profileOf(data, profile.value());
    const group = (id, legend, list) => choiceField({ id, name: 'indicators', type: 'checkbox', required: true, legend,
      value: list.filter((i) => keep.has(i.id)).map((i) => i.id),
      options: list.map((i) => ({ value: i.id, label: pick(i), hint: WEIGHTS.includes(i.weight) ? t(`scr.w.${i.weight}`) : null })) });
    replace(boxes, boxes.error, p.kind === 'checklist'
      ? group('scr-list', pick(p), p.indicators)
      : data.dimensions.map((d) => group(`scr-${d.id}`, pick(d), p.indicators.filter((i) => i.dimension === d.id))));
    boxes.input = boxes.querySelector('input');
    boxes.inputs = [];
    evaluate();
  };
  profile.addEventListener('change', drawBoxes);
  boxes.addEventListener('change', (e) => {
    keep[e.target.checked ? 'add' : 'delete'](e.target.value);
    evaluate();
  });
  drawBoxes();

  const form = page.smallForm({
    heading: t('scr.screen'),
    explain: t('scr.formExplain'),
    fields: f,
    body: [profile, boxes, now, more, f.date, f.note],
    submitLabel: t('scr.save'),
    cancel: close,
    check: () => dateErrors(f, 'date', true, c.referral?.date, []),
    submit: async () => {
      const body = { profile: profile.value(), indicators: chosen(), date: f.date.input.value };
      const note = f.note.input.value.trim();
      if (note) body.note = note;
      const next = await api.post(`/cases/${c.id}/screenings`, body);
      page.update(next, 'screening', t('scr.saved', { outcome: outcomeLabel(next.screening?.outcome, next.screening?.profile) }));
    },
  });
  form.classList.add('form--wide');
  return form;
}

// ---- the group page -----------------------------------------------------------

/** The mass-case view of group G: people per outcome, the most frequent
 *  indicators, each member's latest outcome, and screening from a CSV file. */
export function groupScreening(g, ctx) {
  const body = h('div', null, h('p', { class: 'muted', text: t('common.loading') }));
  const section = h('section', { class: 'panel', 'aria-labelledby': 'scr-group-title' },
    h('h2', { id: 'scr-group-title', tabindex: '-1', text: t('scr.groupTitle') }), body);
  const show = (table, data, message) => replace(body,
    message ? h('div', { class: 'notice', text: message }) : null,
    outcomeTable(table, data),
    ctx.can('assist') ? csvForm(g, ctx, data, (next) => {
      show(next, data, t('scr.csvDone'));
      ctx.announce(t('scr.csvDone'));
      section.querySelector('h2').focus();
    }) : null);
  Promise.all([api.get(`/groups/${g.id}/screenings`), screeningProfiles()]).then(([table, data]) => {
    if (ctx.isCurrent()) show(table, data);
  }).catch((err) => {
    if (err.status !== 401) replace(body, h('p', { class: 'error-text', text: ctx.describeError(err) }));
  });
  return section;
}

function outcomeTable(table, data) {
  const sum = table.summary ?? {};
  const counts = sum.outcomes ?? {};
  const top = sum.most_frequent_indicators ?? [];
  const members = table.members ?? [];
  const th = (x) => h('th', { scope: 'col', text: x });
  return [
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'scr-outcomes' },
      h('caption', { text: t('scr.byOutcome') }),
      h('thead', null, h('tr', null, th(t('scr.outcome')), th(t('scr.people')))),
      h('tbody', null,
        OUTCOMES.map((o) => h('tr', null, h('th', { scope: 'row', text: t(`scr.o.${o}`) }), h('td', { class: 'num', text: formatNumber(counts[o] ?? 0) }))),
        h('tr', null, h('th', { scope: 'row', text: t('scr.unscreened') }), h('td', { class: 'num', text: formatNumber(table.unscreened ?? 0) }))))),
    h('h3', { class: 'small-heading', text: t('scr.frequent') }),
    top.length ? h('ol', { class: 'chain', id: 'scr-frequent' }, top.map((x) => h('li', null,
      indicatorName(data, x.indicator), ' · ', tn('scr.persons', x.people))))
      : h('p', { class: 'muted', text: t('scr.none') }),
    h('h3', { class: 'small-heading', text: t('scr.memberResults') }),
    members.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack', id: 'scr-members' },
      h('caption', { class: 'visually-hidden', text: t('scr.memberResults') }),
      h('thead', null, h('tr', null, [t('cases.col.number'), t('cases.col.status'), t('scr.outcome'), t('scr.date')].map(th))),
      h('tbody', null, members.map((m) => h('tr', null,
        h('th', { scope: 'row', 'data-label': t('cases.col.number') }, h('a', { href: `#/cases/${m.case_id}`, text: m.case_number })),
        h('td', { 'data-label': t('cases.col.status') }, statusBadge(m.status)),
        h('td', { 'data-label': t('scr.outcome'), text: m.screening ? outcomeLabel(m.screening.outcome, m.screening.profile) : t('scr.unscreened') }),
        h('td', { 'data-label': t('scr.date'), text: m.screening ? formatDate(m.screening.date) : '–' }))))))
      : h('p', { class: 'muted', text: t('group.noMembers') }),
  ];
}

function csvForm(g, ctx, data, done) {
  const f = {
    date: field({ id: 'scr-csv-date', name: 'date', label: t('scr.date'), type: 'date', attrs: { max: today(), value: today() } }),
    file: field({ id: 'scr-csv', name: 'file', label: t('group.csvFile'), type: 'file', attrs: { accept: '.csv,text/csv' } }),
  };
  const messages = h('div', { class: 'form-messages' });
  const button = h('button', { type: 'submit', class: 'button', text: t('scr.csvSubmit') });
  const form = h('form', { class: 'form form--wide', novalidate: true, 'aria-labelledby': 'scr-csv-title' },
    h('h3', { id: 'scr-csv-title', class: 'small-heading', text: t('scr.csv') }),
    h('p', { class: 'hint', text: t('scr.csvHint', { header: 'person,profile,indicators', profiles: data.profiles.map((p) => p.id).join(', ') }) }),
    h('details', { class: 'explain' }, h('summary', { text: t('scr.ids') }),
      data.profiles.map((p) => [h('h4', { text: `${p.id}: ${pick(p)}` }),
        h('ul', { class: 'ids' }, p.indicators.map((i) => h('li', null, h('code', { text: i.id }), ` ${pick(i)}`)))])),
    messages, f.date, f.file,
    h('div', { class: 'actions' }, button));
  controller({
    form, messages, fields: f, button, label: t('scr.csvSubmit'), ctx,
    resolve: (name) => ({ 'query.date': 'date', '(body)': 'file' })[name] ?? name,
    check: () => {
      const errs = dateErrors(f, 'date', true, null, []);
      if (!f.file.input.files?.length) errs.push({ field: 'file', message: t('form.error.required', { label: t('group.csvFile') }) });
      return errs;
    },
    submit: async () => {
      const text = await f.file.input.files[0].text();
      try {
        done(await api.send('POST', `/groups/${g.id}/screenings${query({ date: f.date.input.value })}`, text, 'text/csv'));
      } catch (err) {
        // Rows are named "row N" (the header is row 1): say it in the user's
        // language, after a sentence that nothing was stored.
        const list = err.fieldErrors;
        const rows = list.filter((e) => /^row \d+$/.test(e.field));
        for (const e of rows) e.field = t('scr.row', { n: e.field.slice(4) });
        if (rows.length) list.unshift({ field: null, reason: tn('scr.csvBad', rows.length) });
        throw err;
      }
    },
  });
  return form;
}
