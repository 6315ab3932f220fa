// The first page after sign-in: who you are here, the figures in scope, and
// links to the case list (filtered by the hash query).
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { t, language, formatNumber, formatDate, today } from '../i18n.js';
import { choiceField } from '../forms.js';
import { STATUSES } from '../caseui.js';

export const title = 'dashboard.title';

export function render(main, ctx) {
  const { user } = ctx.state;
  const figures = h('div', { class: 'figures', 'aria-busy': 'true' },
    h('p', { class: 'muted', text: t('common.loading') }));

  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('dashboard.title') }),
    h('section', { class: 'panel', 'aria-labelledby': 'who-title' },
      h('h2', { id: 'who-title', text: t('dashboard.who') }),
      h('dl', { class: 'summary-list' },
        h('div', null, h('dt', { text: t('common.organisation') }), h('dd', { text: ctx.organisationLabel(user.organisation) })),
        h('div', null, h('dt', { text: t('common.role') }), h('dd', { text: ctx.roleLabel(user.role) })))),
    h('section', { 'aria-labelledby': 'figures-title' },
      h('h2', { id: 'figures-title', text: t('dashboard.figures') }),
      figures),
    ctx.can('cases') ? h('section', { class: 'panel', 'aria-labelledby': 'cases-title' },
      h('h2', { id: 'cases-title', text: t('dashboard.cases') }),
      h('ul', { class: 'link-list' },
        h('li', null, h('a', { href: '#/cases', id: 'link-cases', text: t('dashboard.casesAll') })),
        h('li', null, h('a', { href: '#/cases?status=referred', text: t('dashboard.casesReferred') })),
        h('li', null, h('a', { href: '#/cases?status=under_assessment', text: t('dashboard.casesAssessment') })),
        user.role === 'coordinator'
          ? h('li', null, h('a', { href: '#/cases?negative_unreviewed=true', id: 'link-cases-unreviewed', text: t('dashboard.casesUnreviewed') }))
          : null)) : null,
    ctx.can('alerts') ? alertsFigure(ctx) : null,
    ['coordinator', 'admin', 'analyst'].includes(user.role) ? assessment(ctx) : null);

  api.dashboard().then((data) => {
    if (!ctx.isCurrent()) return;
    figures.removeAttribute('aria-busy');
    const hint = ['all', 'organisation'].includes(data.scope) ? `dashboard.personsHint.${data.scope}` : 'dashboard.personsHint';
    // Cases by status (null for roles that may not open cases), each a link
    // to the list it counts.
    const cases = data.cases;
    replace(figures, figure('persons', data.persons, t('dashboard.persons'), t(hint)),
      cases ? ['total', ...STATUSES].map((s) => figure(s, cases[s], s === 'total' ? t('dashboard.casesTotal') : t(`status.${s}`),
        null, `#/cases${s === 'total' ? '' : query({ status: s })}`)) : null);
  }).catch((err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    figures.removeAttribute('aria-busy');
    replace(figures, h('p', { class: 'error-text', role: 'alert', text: `${t('dashboard.error')} ${ctx.describeError(err)}` }));
  });
}

function figure(id, value, label, hint, href) {
  const ok = Number.isFinite(value);
  return h(href ? 'a' : 'div', { class: 'figure', id: `figure-${id}`, href },
    h('p', { class: 'figure__label', id: `figure-${id}-label`, text: label }),
    h('p', { class: 'figure__value', 'aria-describedby': `figure-${id}-label`, text: ok ? formatNumber(value) : '–' }),
    hint ? h('p', { class: 'figure__hint', text: hint }) : null);
}

// The country assessment (docs/assessment.md): the Watch List clock and the
// scorecard of the last complete reporting year (1 April to 31 March) or,
// at the user's choice, the last complete calendar year. Each figure has its
// evidence (both values and both periods) in a disclosure of its own, so
// touch and keyboard users reach it too.
const FIGS = ['victims_identified', 'victims_assisted', 'non_citizen_share', 'services_foreign_share',
  'services_nationals_share', 'shelter_places', 'investigations', 'prosecutions', 'convictions',
  'sentences_with_incarceration', 'victims_penalised'];
const PERIODS = ['reporting', 'calendar'];

/** The last complete year of each kind of period on DAY ('YYYY-MM-DD'):
 *  the reporting year that ended on the last 31 March, the calendar year
 *  that ended on the last 31 December. */
function lastYears(day) {
  const y = Number(day.slice(0, 4));
  return { reporting: y - (day.slice(5) < '04-01' ? 1 : 0), calendar: y - 1 };
}

const shown = (f, v) => (v == null ? '–' : f.kind === 'share' ? `${formatNumber(v)} %` : formatNumber(v));

/** The evidence of figure F (key K) of scorecard S: the server's sentence in
 *  English; in Serbian the same facts (both values, both periods) from the
 *  figure itself, since the server writes its sentence in English only. */
function evidence(k, f, s) {
  if (language() === 'en' && f.evidence) return f.evidence;
  const value = (v, c) => (f.kind === 'share'
    ? t('assess.ev.share', { value: shown(f, v), n: formatNumber(c?.n ?? 0), of: formatNumber(c?.of ?? 0) })
    : shown(f, v));
  const cur = value(f.current, f.current_count);
  const prev = value(f.previous, f.previous_count);
  if (k === 'shelter_places') {
    return t('assess.ev.onDay', { cur, end: formatDate(s.current.end), prev, pend: formatDate(s.previous.end) });
  }
  return t('assess.ev.period', {
    cur, start: formatDate(s.current.start), end: formatDate(s.current.end),
    prev, pstart: formatDate(s.previous.start), pend: formatDate(s.previous.end),
  });
}

function scorecard(s, kind, year) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack assess-card', id: 'assess-card' },
    h('caption', { id: 'assess-caption', text: t(kind === 'calendar' ? 'assess.cardCalendar' : 'assess.card', { year, start: formatDate(s.current.start), end: formatDate(s.current.end) }) }),
    h('thead', null, h('tr', null, ['fig', 'cur', 'prev', 'trend', 'evidence'].map((k) => h('th', { scope: 'col', text: t(`assess.${k}`) })))),
    h('tbody', null, FIGS.map((k) => {
      const f = s.figures[k] ?? {};
      const label = t(`assess.f.${k}`);
      const td = (k2, text, more) => h('td', { 'data-label': t(`assess.${k2}`), text, ...more });
      return h('tr', { id: `assess-${k}` }, h('th', { scope: 'row', 'data-label': t('assess.fig'), text: label }),
        f.status === 'recorded'
          ? [td('cur', shown(f, f.current), { class: 'num' }), td('prev', shown(f, f.previous), { class: 'num' }),
            td('trend', t(`assess.t.${f.trend}`)),
            h('td', { 'data-label': t('assess.evidence') }, h('details', { class: 'evidence' },
              h('summary', null, t('assess.evidenceShow'), h('span', { class: 'visually-hidden', text: ` (${label})` })),
              h('p', { class: 'evidence__text', text: evidence(k, f, s) })))]
          : td('cur', t('assess.none'), { colspan: '4', class: 'muted' }));
    }))));
}

function assessment(ctx) {
  const years = lastYears(today());
  const clock = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  const card = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  const period = choiceField({ id: 'assess-period', name: 'assess-period', legend: t('assess.period'), value: 'reporting', columns: true,
    options: PERIODS.map((p) => ({ value: p, label: t(`assess.period.${p}`, { year: years[p] }) })) });
  const failed = (box, err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    box.removeAttribute('aria-busy');
    replace(box, h('p', { class: 'error-text', role: 'alert', text: `${t('assess.error')} ${ctx.describeError(err)}` }));
  };

  api.get('/assessment/clock').then((c) => {
    if (!ctx.isCurrent()) return;
    clock.removeAttribute('aria-busy');
    const state = c.rule === 'reinstatement_limit' && !c.watch_list_allowed ? 'reinstated'
      : !c.watch_list_allowed ? (c.waivers_max ? 'barred' : null)
        : c.waiver_required ? 'waiver' : c.watch_list_years_in_a_row ? 'open' : 'free';
    replace(clock, h('p', { class: 'key-fact', id: 'clock-sentence' }, h('strong', { text: `${t('assess.clock', { year: c.report_year })} ` }),
      state ? t(`assess.clock.${state}`, { used: c.years_used, max: c.years_max }) : c.sentence));
  }).catch((err) => failed(clock, err));

  // Later answers win: a quick switch back and forth shows the last choice.
  let seq = 0;
  const load = (kind, announce) => {
    const n = ++seq;
    card.setAttribute('aria-busy', 'true');
    api.get(`/assessment/scorecard${query({ year: years[kind], period: kind })}`).then((s) => {
      if (n !== seq || !ctx.isCurrent()) return;
      card.removeAttribute('aria-busy');
      replace(card, scorecard(s, kind, years[kind]));
      if (announce) ctx.announce(card.querySelector('caption').textContent);
    }).catch((err) => { if (n === seq) failed(card, err); });
  };
  period.addEventListener('change', () => load(period.value(), true));
  load('reporting', false);

  return h('section', { class: 'panel', 'aria-labelledby': 'assess-title' },
    h('h2', { id: 'assess-title', text: t('assess.title') }), clock, period, card);
}

// Open compliance alerts: one figure, a link to the inbox it counts.
function alertsFigure(ctx) {
  const body = h('div', { class: 'figures', 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  api.get(`/alerts${query({ status: 'open', per_page: 1 })}`).then((data) => {
    if (!ctx.isCurrent()) return;
    body.removeAttribute('aria-busy');
    replace(body, figure('alerts', data.total, t('dashboard.alertsOpen'), t('dashboard.alertsHint'), `#/alerts${query({ status: 'open' })}`));
  }).catch((err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    body.removeAttribute('aria-busy');
    replace(body, h('p', { class: 'error-text', role: 'alert', text: `${t('alerts.error')} ${ctx.describeError(err)}` }));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'alerts-title' },
    h('h2', { id: 'alerts-title', text: t('dashboard.alerts') }), body,
    h('p', null, h('a', { href: '#/alerts', id: 'link-alerts', text: t('dashboard.alertsLink') })));
}
