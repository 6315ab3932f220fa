// Reports (#/reports; docs/ui.md, "Reports"), for the roles that may read
// statistics (stats.read: analysts, coordinators, administrators): the key
// figures of a year (GET /stats/annual), the year's printable report and the
// trend report over several years (GET /stats/report, /stats/trend/report),
// opened in a new tab or downloaded, and for analysts the k-anonymous CTDC
// open-data file (GET /export/ctdc). The reports are plain same-origin links:
// the session cookie goes with them, and each answers with its own CSP that
// allows only its stylesheet, which this page's CSP would block. The server
// audits every read and download. Counts only: nothing here names anyone.
import { api, query, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { field, choiceField, setFieldError, showSummary, showNotice, setBusy, reasonText } from '../forms.js';
import { t, language, formatNumber, today, LANGUAGES } from '../i18n.js';

export const title = 'reports.title';

// The server's limits (src/http/api/stats.c, docs/statistics.md).
const YEAR_MIN = 1900;
const YEAR_MAX = 2999;
const TREND_MAX_YEARS = 30;
const K_DEFAULT = 11;
// The reports' `lang` for each UI language.
const REPORT_LANG = { en: 'en', 'sr-Latn': 'sr', 'sr-Cyrl': 'sr-Cyrl' };

const sum = (o) => (o ? Object.values(o).reduce((a, b) => a + (Number(b) || 0), 0) : null);
const KEY_FIGURES = [
  ['referred', (d) => d.referred],
  ['identified', (d) => d.identified],
  ['children', (d) => d.identified_children],
  ['foreign', (d) => d.identified_foreign],
  ['abroad', (d) => d.nationals_exploited_abroad],
  ['pending', (d) => d.pending_decisions_at_year_end],
  ['decisionDays', (d) => d.decision_days?.conclusive?.median],
  ['assisted', (d) => sum(d.victims_assisted)],
  ['turnAways', (d) => d.turn_aways?.total],
  ['investigations', (d) => d.proceedings?.investigations_opened],
  ['convictions', (d) => d.proceedings?.convictions],
  ['penalised', (d) => d.victims_penalised],
];

/** A whole year in the server's range typed in TEXT, or null. */
function yearOf(text) {
  const s = String(text ?? '').trim();
  if (!/^\d{1,4}$/.test(s)) return null;
  const y = Number(s);
  return y >= YEAR_MIN && y <= YEAR_MAX ? y : null;
}

/** The server's reason for a query field, in the user's language. */
function serverReason(reason, label, isK) {
  const m = /^must be a whole number from (\d+) to (\d+)$/.exec(String(reason ?? ''));
  if (m && isK) return t('reports.error.kRange', { label, b: m[2] });
  if (m) return t('form.error.between', { label, a: m[1], b: m[2] });
  return reasonText(reason, label);
}

const reportHref = (path, params) => `api/v1${path}${query(params)}`;

/** Shows ERRORS ([{field: wrapper, message}]) next to their fields (clearing
 *  the others of FIELDS) and in SLOT's summary; focuses the first. */
function showErrors(slot, fields, errors) {
  for (const f of fields) setFieldError(f, errors.filter((e) => e.field === f).map((e) => e.message).join(' '));
  showSummary(slot, errors.map((e) => e.message));
  if (errors[0]?.field) errors[0].field.input.focus();
  else if (errors.length) slot.querySelector('[role="alert"]')?.focus();
}

const newTab = () => h('span', { class: 'visually-hidden', text: ` ${t('reports.newTab')}` });

export function render(main, ctx) {
  const lastYear = Number(today().slice(0, 4)) - 1;
  let reportYear = yearOf(ctx.query.get('year')) ?? lastYear;

  // ---- the figures of a year ----
  const yearField = field({ id: 'rep-year', name: 'year', label: t('reports.year'), hint: t('reports.yearHint'),
    attrs: { inputmode: 'numeric', autocomplete: 'off', value: ctx.query.get('year') ?? String(lastYear) } });
  yearField.classList.add('field--short');
  const yearMessages = h('div', { class: 'form-messages' });
  const showButton = h('button', { type: 'submit', class: 'button', text: t('reports.show') });
  const yearForm = h('form', { class: 'form', id: 'rep-year-form', novalidate: true },
    yearMessages, yearField, h('div', { class: 'actions actions--tight' }, showButton));
  const figures = h('div', { id: 'rep-figures', 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));

  // ---- the printable reports ----
  const langField = choiceField({ id: 'rep-lang', name: 'rep-lang', legend: t('reports.lang'), columns: true,
    value: REPORT_LANG[language()] ?? 'en',
    options: LANGUAGES.map((l) => ({ value: REPORT_LANG[l.code], label: h('span', { lang: l.code, text: l.label }) })) });
  const versionField = choiceField({ id: 'rep-version', name: 'rep-version', legend: t('reports.version'), value: 'internal',
    options: ['internal', 'published'].map((v) => ({ value: v, label: t(`reports.version.${v}`), hint: t(`reports.version.${v}Hint`) })) });
  const yearTitle = h('h3', { class: 'small-heading', id: 'rep-report-title' });
  const openText = h('span');
  const openLink = h('a', { class: 'button', id: 'rep-open', target: '_blank', rel: 'noopener' }, openText, newTab());
  const downloadLink = h('a', { class: 'button button--secondary', id: 'rep-download', download: '', text: t('reports.download') });

  const fromField = field({ id: 'rep-from', name: 'from', label: t('reports.from'),
    attrs: { inputmode: 'numeric', autocomplete: 'off', value: String(lastYear - 4) } });
  const toField = field({ id: 'rep-to', name: 'to', label: t('reports.to'),
    attrs: { inputmode: 'numeric', autocomplete: 'off', value: String(lastYear) } });
  fromField.classList.add('field--short');
  toField.classList.add('field--short');
  const trendMessages = h('div', { class: 'form-messages' });
  const trendOpen = h('a', { class: 'button', id: 'rep-trend-open', target: '_blank', rel: 'noopener' }, t('reports.trendOpen'), newTab());
  const trendDownload = h('a', { class: 'button button--secondary', id: 'rep-trend-download', download: '', text: t('reports.trendDownload') });

  const options = () => {
    const published = versionField.value() === 'published';
    return { lang: langField.value() || 'en', published: published ? 'true' : '' };
  };
  const fileName = (stem, o) => `lantern-${stem}-${o.lang}${o.published ? '-published' : ''}.html`;

  function updateYearLinks() {
    const o = options();
    yearTitle.textContent = t('reports.yearReport', { year: reportYear });
    openText.textContent = t('reports.open', { year: reportYear });
    openLink.href = downloadLink.href = reportHref('/stats/report', { year: reportYear, ...o });
    downloadLink.setAttribute('download', fileName(`report-${reportYear}`, o));
  }

  // The trend's years, checked here as the server checks them (a link
  // cannot show the server's problem JSON): [] when they are fine.
  function trendErrors() {
    const from = yearOf(fromField.input.value);
    const to = yearOf(toField.input.value);
    const errors = [];
    const bad = (f) => errors.push({ field: f, message: t('form.error.between', { label: f.labelText, a: YEAR_MIN, b: YEAR_MAX }) });
    if (from === null) bad(fromField);
    if (to === null) bad(toField);
    if (from !== null && to !== null && to < from) {
      errors.push({ field: toField, message: t('reports.error.order', { label: toField.labelText, a: from }) });
    } else if (from !== null && to !== null && to - from + 1 > TREND_MAX_YEARS) {
      errors.push({ field: toField, message: t('reports.error.span', { label: toField.labelText, a: from + TREND_MAX_YEARS - 1 }) });
    }
    return errors;
  }

  function updateTrendLinks() {
    if (trendErrors().length) return;
    const o = options();
    const from = yearOf(fromField.input.value);
    const to = yearOf(toField.input.value);
    trendOpen.href = trendDownload.href = reportHref('/stats/trend/report', { from, to, ...o });
    trendDownload.setAttribute('download', fileName(`trend-${from}-${to}`, o));
  }

  for (const link of [trendOpen, trendDownload]) {
    link.addEventListener('click', (e) => {
      const errors = trendErrors();
      showErrors(trendMessages, [fromField, toField], errors);
      if (errors.length) e.preventDefault();
      else updateTrendLinks();
    });
  }
  for (const f of [langField, versionField]) f.addEventListener('change', () => { updateYearLinks(); updateTrendLinks(); });
  for (const f of [fromField, toField]) f.input.addEventListener('input', updateTrendLinks);
  updateYearLinks();
  updateTrendLinks();

  const reports = h('section', { class: 'panel', 'aria-labelledby': 'rep-reports-title' },
    h('h2', { id: 'rep-reports-title', text: t('reports.printable') }),
    h('p', { text: t('reports.printableIntro') }),
    langField, versionField,
    yearTitle,
    h('p', { class: 'muted', text: t('reports.yearReportHint') }),
    h('div', { class: 'actions actions--tight' }, openLink, downloadLink),
    h('h3', { class: 'small-heading', id: 'rep-trend-title', text: t('reports.trend') }),
    h('p', { class: 'muted', id: 'rep-trend-hint', text: t('reports.trendHint', { n: TREND_MAX_YEARS }) }),
    trendMessages,
    h('div', { class: 'field-row' }, fromField, toField),
    h('div', { class: 'actions actions--tight' }, trendOpen, trendDownload));

  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('reports.title') }),
    h('p', { class: 'lead', text: t('reports.intro') }),
    h('section', { class: 'panel', 'aria-labelledby': 'rep-figures-title' },
      h('h2', { id: 'rep-figures-title', text: t('reports.figures') }),
      yearForm, figures),
    reports,
    ctx.can('ctdcExport') ? ctdcPanel(ctx) : null);

  // Later answers win: a quick second "Show" paints only its own year.
  let seq = 0;
  async function load(announce) {
    const n = ++seq;
    figures.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await api.get(`/stats/annual${query({ year: yearField.input.value.trim() })}`);
    } catch (err) {
      if (n !== seq || !ctx.isCurrent() || err.status === 401) return;
      figures.removeAttribute('aria-busy');
      const bad = err.status === 400 && err.fieldErrors.find((e) => e.field === 'query.year');
      replace(figures);
      showErrors(yearMessages, [yearField], bad
        ? [{ field: yearField, message: serverReason(bad.reason, yearField.labelText) }]
        : [{ field: null, message: `${t('reports.loadError')} ${ctx.describeError(err)}` }]);
      return;
    }
    if (n !== seq || !ctx.isCurrent()) return;
    showErrors(yearMessages, [yearField], []);
    figures.removeAttribute('aria-busy');
    reportYear = data.year;
    updateYearLinks();
    if (ctx.query.get('year') !== String(reportYear)) {
      history.replaceState(null, '', `#/reports${query({ year: reportYear })}`);
    }
    replace(figures, keyFigures(data, reportYear));
    if (announce) ctx.announce(t('reports.caption', { year: reportYear }));
  }
  yearForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (yearForm.dataset.busy) return;
    setBusy(yearForm, true, showButton, t('common.loading'));
    try {
      await load(true);
    } finally {
      setBusy(yearForm, false, showButton, t('reports.show'));
    }
  });
  load(false);
}

function keyFigures(data, year) {
  const o = { year, lang: REPORT_LANG[language()] ?? 'en' };
  return [
    h('div', { class: 'table-wrap' }, h('table', { class: 'table rep-figures', id: 'rep-figures-table' },
      h('caption', { id: 'rep-caption', text: t('reports.caption', { year }) }),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', text: t('reports.figure') }),
        h('th', { scope: 'col', class: 'num', text: t('reports.number') }))),
      h('tbody', null, KEY_FIGURES.map(([key, get]) => {
        const v = get(data);
        return h('tr', { id: `rep-f-${key}` },
          h('th', { scope: 'row', class: /^(children|foreign)$/.test(key) ? 'rep-figures__sub' : null, text: t(`reports.f.${key}`) }),
          h('td', { class: 'num', text: Number.isFinite(v) ? formatNumber(v) : t('reports.none') }));
      })))),
    h('p', { class: 'rep-all' }, `${t('reports.all', { year })} `,
      h('a', { href: reportHref('/stats/report', o), target: '_blank', rel: 'noopener', id: 'rep-all-report' },
        t('reports.allReport'), newTab()),
      '; ',
      h('a', { href: reportHref('/stats/annual', { year, format: 'csv' }), download: `lantern-${year}.csv`, id: 'rep-all-csv',
        text: t('reports.allCsv') }),
      ` ${t('reports.or')} `,
      h('a', { href: reportHref('/stats/annual', { year }), download: `lantern-figures-${year}.json`, id: 'rep-all-json',
        text: t('reports.allJson') }),
      '.'),
  ];
}

// ---- the CTDC open-data file ------------------------------------------------

function ctdcPanel(ctx) {
  const kField = field({ id: 'rep-k', name: 'k', label: t('reports.k'), hint: t('reports.kHint'),
    attrs: { inputmode: 'numeric', autocomplete: 'off', value: String(K_DEFAULT) } });
  const yearField = field({ id: 'rep-ctdc-year', name: 'year', label: t('reports.ctdcYear'), hint: t('reports.ctdcYearHint'),
    required: false, attrs: { inputmode: 'numeric', autocomplete: 'off' } });
  kField.classList.add('field--short');
  yearField.classList.add('field--short');
  const fields = [kField, yearField];
  const messages = h('div', { class: 'form-messages' });
  const result = h('div', { id: 'rep-ctdc-result' });
  const label = t('reports.ctdcSubmit');
  const button = h('button', { type: 'submit', class: 'button', id: 'rep-ctdc-submit', text: label });
  const form = h('form', { class: 'form', id: 'rep-ctdc-form', novalidate: true },
    messages, kField, yearField, h('div', { class: 'actions actions--tight' }, button));

  // What the server does not refuse but the page does: k = 1 protects
  // nobody. The ranges are the server's to say (its problem JSON).
  function check() {
    const errors = [];
    const k = kField.input.value.trim();
    const y = yearField.input.value.trim();
    if (!/^\d+$/.test(k)) errors.push({ field: kField, message: t('reports.error.k', { label: kField.labelText }) });
    else if (Number(k) < 2) errors.push({ field: kField, message: t('reports.error.kSmall', { label: kField.labelText }) });
    if (y && !/^\d+$/.test(y)) errors.push({ field: yearField, message: t('reports.error.wholeYear', { label: yearField.labelText }) });
    return errors;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (form.dataset.busy) return;
    result.replaceChildren();
    const local = check();
    showErrors(messages, fields, local);
    if (local.length) return;
    const k = kField.input.value.trim();
    const year = yearField.input.value.trim();
    setBusy(form, true, button, t('reports.preparing'));
    try {
      const res = await fetchCsv(`api/v1/export/ctdc${query({ k, year })}`);
      const name = /filename="([\w.-]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1]
        ?? `ctdc${year ? `-${year}` : ''}-k${k}.csv`;
      saveFile(await res.blob(), name);
      if (!ctx.isCurrent()) return;
      const n = (hd) => formatNumber(Number(res.headers.get(hd)) || 0);
      showNotice(result, t('reports.ctdcDone', { file: name, records: n('Lantern-Records'), published: n('Lantern-Published'),
        generalised: n('Lantern-Generalised'), suppressed: n('Lantern-Suppressed') }));
    } catch (err) {
      if (!ctx.isCurrent() || err.status === 401) return;
      const list = err.fieldErrors.map((fe) => {
        const f = fe.field === 'query.k' ? kField : fe.field === 'query.year' ? yearField : null;
        return { field: f, message: serverReason(fe.reason, f?.labelText ?? fe.field, f === kField) };
      });
      showErrors(messages, fields, list.length ? list : [{ field: null, message: ctx.describeError(err) }]);
    } finally {
      if (form.isConnected) setBusy(form, false, button, label);
    }
  });

  return h('section', { class: 'panel', id: 'rep-ctdc', 'aria-labelledby': 'rep-ctdc-title' },
    h('h2', { id: 'rep-ctdc-title', text: t('reports.ctdc') }),
    h('p', { text: t('reports.ctdcIntro') }),
    form, result);
}

/** GET URL as a file; throws ApiError (from the problem JSON) when refused.
 *  api.js reads JSON answers only, so the CSV is fetched here; a 401 is
 *  handed to the session code by asking /me, which signs the tab out. */
async function fetchCsv(url) {
  let res;
  try {
    res = await fetch(url, {
      headers: { Accept: 'text/csv, application/problem+json' },
      credentials: 'same-origin', cache: 'no-store', redirect: 'error',
    });
  } catch {
    throw new ApiError(0, null, null);
  }
  if (res.ok) return res;
  const problem = /json/.test(res.headers.get('Content-Type') || '') ? await res.json().catch(() => null) : null;
  if (res.status === 401) api.me().catch(() => {});
  throw new ApiError(res.status, problem, null);
}

/** Offers BLOB to the browser as a download named NAME. */
function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
