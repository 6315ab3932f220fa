// Compliance alerts (docs/ui.md, "Alerts"): the inbox (#/alerts, filters
// by rule, severity and status in the hash query, the open alerts counted
// by rule), one alert (#/alerts/{id}) with its history, and the box of open
// alerts at the top of a case page. Each alert says what is wrong, the
// standard in plain words with its references, and what to do; coordinators
// mark it resolved (the fix is recorded: the server checks the data again and
// answers 409 while the problem is still there) or justified (a reason).
// An alert names a case by its number only, never a person.
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { selectField, textareaField, controller, showSummary } from '../forms.js';
import { t, tn, formatDateTime, formatNumber, has, language } from '../i18n.js';
import { latinToCyrillic } from '../translit.js';
import { vocabularies } from '../vocab.js';
import { alertMessage } from '../alertmsg.js';

export const title = 'alerts.title';

const SEVERITIES = ['high', 'medium', 'low'];
const STATUSES = ['open', 'resolved', 'justified'];
const PER_PAGE = 25;

const sevBadge = (s) => h('span', { class: `badge badge--sev-${s}`, text: has(`alerts.sev.${s}`) ? t(`alerts.sev.${s}`) : s });
const statusText = (s) => (has(`alerts.status.${s}`) ? t(`alerts.status.${s}`) : s);
// Text in English shown in another language (a rule's words without a
// Serbian text) is marked as such.
const en = () => (language() === 'en' ? null : 'en');
// The vocabularies name the service types in a Serbian message; without
// them that message falls back to the server's English (web/js/alertmsg.js).
const loadVocab = () => vocabularies().catch(() => null);

/** The rule's words KEY (title, standard, action) of R (an alert or a rule)
 *  in the user's language: the Serbian text (KEY_sr, Latin script) in
 *  sr-Latn, transliterated in sr-Cyrl, English in en. A span marked
 *  lang="en" only when the Serbian text is missing. */
function ruleWords(r, key) {
  const sr = r?.[`${key}_sr`];
  if (language() === 'en' || !sr) return { text: r?.[key] ?? '', lang: en() };
  return { text: language() === 'sr-Cyrl' ? latinToCyrillic(sr) : sr, lang: null };
}
const words = (r, key) => h('span', ruleWords(r, key));

/** The body of one alert: title with severity, case, message, standard,
 *  what to do. LEVEL is the heading tag; LINK adds "Open in the inbox";
 *  VOCAB (the vocabularies) names codes in the message. */
function alertBody(a, { level = 'h3', link = false, withCase = true, vocab = null } = {}) {
  return [
    h(level, { class: 'alert__title', id: `alert-${a.id}-title` }, sevBadge(a.severity), ' ', words(a, 'title')),
    h('p', { class: 'muted' },
      withCase && a.case_id ? [t('alerts.case'), ' ', h('a', { href: `#/cases/${a.case_id}`, text: a.case_number })] : null,
      withCase && a.case_id ? ' · ' : null,
      h('strong', { text: statusText(a.status) }), ' · ', t('alerts.raised', { time: formatDateTime(a.raised_at) }),
      a.resolved_at ? ` · ${t('alerts.closedAt', { time: formatDateTime(a.resolved_at) })}` : ''),
    h('p', { class: 'alert__message', ...alertMessage(a, vocab) }),
    a.standard ? h('p', null, h('strong', { text: `${t('alerts.standard')} ` }), words(a, 'standard'),
      (a.refs ?? []).length ? h('span', { class: 'muted', text: ` (${a.refs.join('; ')})` }) : null) : null,
    a.action ? h('p', null, h('strong', { text: `${t('alerts.todo')} ` }), words(a, 'action')) : null,
    a.justification ? h('p', { class: 'reasons' }, h('span', { class: 'visually-hidden', text: `${t('alerts.justification')}: ` }), a.justification) : null,
    link ? h('p', { class: 'no-print' }, h('a', { href: `#/alerts/${a.id}`, text: t('alerts.openOne'), 'aria-describedby': `alert-${a.id}-title` })) : null,
  ];
}

/** "Resolved (fixed)" and "Justified" for an open alert; DONE(message) after. */
function alertActions(a, ctx, done, level = 'h4') {
  if (!ctx.can('alertResolve') || a.status !== 'open') return null;
  const slot = h('div', { class: 'action-form', id: `alert-${a.id}-form` });
  const buttons = ['resolve', 'justify'].map((kind) => h('button', {
    type: 'button', class: 'button button--secondary', id: `alert-${a.id}-${kind}`, 'aria-expanded': 'false',
    'aria-controls': `alert-${a.id}-form`, text: t(`alerts.${kind}`),
  }));
  const close = (b) => { b.setAttribute('aria-expanded', 'false'); slot.replaceChildren(); b.focus(); };
  buttons.forEach((b, i) => b.addEventListener('click', () => {
    const open = b.getAttribute('aria-expanded') === 'true';
    buttons.forEach((x) => x.setAttribute('aria-expanded', 'false'));
    slot.replaceChildren();
    if (open) return;
    b.setAttribute('aria-expanded', 'true');
    slot.append(actionForm(a, i ? 'justify' : 'resolve', ctx, () => close(b), done, level));
    slot.querySelector('h3, h4')?.focus();
  }));
  return h('div', { class: 'no-print' }, h('div', { class: 'actions actions--tight' }, buttons), slot);
}

function actionForm(a, kind, ctx, cancel, done, level) {
  const justify = kind === 'justify';
  const key = justify ? 'reason' : 'note';
  const fields = {
    [key]: textareaField({ id: `alert-${a.id}-${key}`, name: key, label: t(justify ? 'alerts.reason' : 'common.note'), required: justify,
      hint: t(justify ? 'alerts.reasonHint' : 'alerts.noteHint'), attrs: { maxlength: 4000, rows: 3 } }),
  };
  const messages = h('div', { class: 'form-messages' });
  const label = t(`alerts.${kind}.submit`);
  const button = h('button', { type: 'submit', class: 'button', text: label });
  const form = h('form', { class: 'form', novalidate: true },
    h(level, { class: 'small-heading', tabindex: '-1', text: t(`alerts.${kind}`) }),
    h('p', { class: 'explain-text', text: t(`alerts.${kind}.explain`) }),
    messages, Object.values(fields),
    h('div', { class: 'actions' }, button, h('button', { type: 'button', class: 'button button--secondary', text: t('common.cancel'), onclick: cancel })));
  controller({
    form, messages, fields, button, label, ctx,
    check: () => (justify && !fields.reason.input.value.trim() ? [{ field: 'reason', message: t('alerts.error.reason') }] : []),
    submit: async () => {
      const text = fields[key].input.value.trim();
      try {
        await api.post(`/alerts/${a.id}/${kind}`, text ? { [key]: text } : {});
      } catch (err) {
        if (err.status !== 409) throw err;
        // The rule still finds the problem in the data: say so plainly.
        const detail = err.problem?.detail;
        showSummary(messages, [h('span', null, t('alerts.still'), detail && document.documentElement.lang !== 'en'
          ? [' ', h('span', { lang: 'en', text: detail })] : detail ? ` ${detail}` : '')]);
        messages.querySelector('[role="alert"]')?.focus();
        return;
      }
      done(t(`alerts.${kind}.done`));
    },
  });
  return form;
}

// ---- the box on the case page --------------------------------------------------

export const caseAlertsPart = {
  id: 'alerts',
  kinds: [],
  present: (c) => Array.isArray(c.alerts),
  render(slot, page) {
    const items = page.c.alerts ?? [];
    const open = items.filter((a) => a.status === 'open');
    slot.classList.add('alert-box');
    replace(slot,
      page.sectionTitle('alerts', t('alerts.onCase')),
      items.length ? h('p', { text: tn('alerts.openCount', open.length) }) : h('p', { class: 'muted', text: t('alerts.noneOnCase') }),
      items.length ? h('ul', { class: 'records' }, items.map((a) => h('li', null, alertBody(a, { link: true, withCase: false, vocab: page.ref?.vocab })))) : null);
  },
  eventText: (e) => e.kind,
};

// ---- the inbox ---------------------------------------------------------------

function readQuery(q) {
  return {
    rule: q.get('rule') ?? '',
    severity: q.get('severity') ?? '',
    // Open alerts unless the link says otherwise ("any" = every status).
    status: q.has('status') ? q.get('status') : 'open',
    case: q.get('case') ?? '',
    page: Math.max(1, Number.parseInt(q.get('page'), 10) || 1),
  };
}

const listHash = (s) => `#/alerts${query({ rule: s.rule, severity: s.severity, status: s.status || 'any', case: s.case, page: s.page > 1 ? s.page : '' })}`;

export function render(main, ctx) {
  const state = readQuery(ctx.query);
  const results = h('section', { 'aria-labelledby': 'results-title', 'aria-busy': 'true' },
    h('h2', { id: 'results-title', tabindex: '-1', text: t('alerts.results') }), h('p', { class: 'muted', text: t('common.loading') }));
  const filters = h('div');
  const counts = h('section', { class: 'panel', 'aria-labelledby': 'by-rule-title' });
  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('alerts.title') }),
    h('p', { class: 'lead', text: t('alerts.intro') }),
    counts, filters, results);
  let rules = [];
  let vocab = null;

  Promise.all([
    api.get('/compliance/rules').then((r) => { rules = r.rules ?? []; }).catch(() => {}),
    loadVocab().then((v) => { vocab = v; }),
  ]).finally(() => {
    if (!ctx.isCurrent()) return;
    replace(filters, filterForm(state, rules, (next) => {
      Object.assign(state, next);
      history.pushState(null, '', listHash(state));
      load('results');
    }));
    load();
  });

  const ruleTitle = (id) => {
    const rule = rules.find((r) => r.id === id);
    return rule ? ruleWords(rule, 'title') : { text: id, lang: null };
  };

  async function load(focus, message) {
    results.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await api.get(`/alerts${query({ rule: state.rule, severity: state.severity, status: state.status === 'any' ? '' : state.status,
        case: state.case, page: state.page, per_page: PER_PAGE })}`);
    } catch (err) {
      if (!ctx.isCurrent() || err.status === 401) return;
      results.removeAttribute('aria-busy');
      const msgs = err.status === 400 && err.fieldErrors.length
        ? err.fieldErrors.map((e) => t('cases.badFilter', { name: String(e.field).replace(/^query\./, ''), reason: e.reason }))
        : [`${t('alerts.error')} ${ctx.describeError(err)}`];
      const slot = h('div');
      showSummary(slot, msgs);
      replace(results, h('h2', { id: 'results-title', text: t('alerts.results') }), slot,
        h('p', null, h('a', { href: '#/alerts', text: t('alerts.clear') })));
      return;
    }
    if (!ctx.isCurrent()) return;
    results.removeAttribute('aria-busy');
    const byRule = Object.entries(data.open_by_rule ?? {}).filter(([, n]) => n > 0);
    replace(counts, h('h2', { id: 'by-rule-title', text: t('alerts.byRule') }),
      byRule.length ? h('ul', { class: 'counts counts--rules' }, byRule.map(([id, n]) => h('li', null,
        h('a', { href: `#/alerts${query({ rule: id, status: 'open' })}` }, h('span', { class: 'counts__n', text: formatNumber(n) }), ' ',
          h('span', ruleTitle(id))))))
        : h('p', { class: 'muted', text: t('alerts.noneOpen') }));
    const heading = h('h2', { id: 'results-title', tabindex: '-1' }, tn('alerts.found', data.total));
    const pages = Math.max(1, Math.ceil(data.total / PER_PAGE));
    replace(results, heading,
      message ? h('div', { class: 'notice', text: message }) : null,
      data.items.length ? h('ul', { class: 'records records--cards' }, data.items.map((a) => h('li', null,
        alertBody(a, { link: true, vocab }),
        alertActions(a, ctx, (msg) => load('results', msg))))) : h('p', { class: 'muted', text: t('alerts.none') }),
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': t('cases.pages') },
        state.page > 1 ? h('a', { href: listHash({ ...state, page: state.page - 1 }), rel: 'prev', text: t('cases.prev') }) : h('span'),
        h('span', { text: t('cases.pageOf', { page: formatNumber(state.page), pages: formatNumber(pages) }) }),
        state.page < pages ? h('a', { href: listHash({ ...state, page: state.page + 1 }), rel: 'next', text: t('cases.next') }) : h('span')) : null);
    if (focus) heading.focus();
    ctx.announce(message ? `${message} ${tn('alerts.found', data.total)}` : tn('alerts.found', data.total));
  }
}

function filterForm(state, rules, apply) {
  const any = t('cases.filter.any');
  const f = {
    rule: selectField({ id: 'f-rule', name: 'rule', label: t('alerts.rule'), required: false, mark: false, placeholder: any, value: state.rule,
      options: rules.map((r) => ({ value: r.id, label: ruleWords(r, 'title').text || r.id })) }),
    severity: selectField({ id: 'f-severity', name: 'severity', label: t('alerts.severity'), required: false, mark: false, placeholder: any, value: state.severity,
      options: SEVERITIES.map((s) => ({ value: s, label: t(`alerts.sev.${s}`) })) }),
    status: selectField({ id: 'f-status', name: 'status', label: t('alerts.statusLabel'), required: false, mark: false, value: state.status || 'any',
      options: [...STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}`) })), { value: 'any', label: any }] }),
  };
  const form = h('form', { class: 'filters', 'aria-labelledby': 'filters-title', novalidate: true },
    h('h2', { id: 'filters-title', text: t('cases.filters') }),
    state.case ? h('p', { class: 'muted', text: t('alerts.caseFilter') }) : null,
    h('div', { class: 'filters__grid' }, Object.values(f)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button', text: t('cases.apply') }),
      h('a', { href: '#/alerts', class: 'button button--secondary', text: t('alerts.clear') })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply({ rule: f.rule.input.value, severity: f.severity.input.value, status: f.status.input.value, page: 1 });
  });
  return form;
}

// ---- one alert ---------------------------------------------------------------

export const alertView = {
  title: 'alerts.single',
  render(main, ctx) {
    const id = ctx.params[0];
    const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
    replace(main,
      h('p', { class: 'back' }, h('a', { href: '#/alerts', text: t('alerts.back') })),
      h('h1', { id: 'page-title', tabindex: '-1', text: t('alerts.single') }),
      body);
    const draw = (message) => Promise.all([api.get(`/alerts/${id}`), loadVocab()]).then(([a, vocab]) => {
      if (!ctx.isCurrent()) return;
      body.removeAttribute('aria-busy');
      const events = a.events ?? [];
      replace(body,
        h('section', { class: 'panel', 'aria-labelledby': `alert-${a.id}-title` },
          message ? h('div', { class: 'notice', text: message }) : null,
          alertBody(a, { level: 'h2', vocab }),
          alertActions(a, ctx, (msg) => draw(msg), 'h3')),
        h('section', { class: 'panel', 'aria-labelledby': 'alert-history' },
          h('h2', { id: 'alert-history', text: t('alerts.history') }),
          events.length ? h('ol', { class: 'timeline' }, events.map((e) => h('li', { class: 'timeline__item' },
            h('p', { class: 'timeline__date', text: formatDateTime(e.at) }),
            h('p', { text: [has(`alerts.ev.${e.action}`) ? t(`alerts.ev.${e.action}`) : e.action, e.by].filter(Boolean).join(' · ') }))))
            : h('p', { class: 'muted', text: t('alerts.noHistory') })));
      if (message) {
        body.querySelector('h2')?.setAttribute('tabindex', '-1');
        body.querySelector('h2')?.focus();
        ctx.announce(message);
      }
    }).catch((err) => {
      if (!ctx.isCurrent() || err.status === 401) return;
      body.removeAttribute('aria-busy');
      replace(body, h('p', { class: 'error-text', role: 'alert', text: err.status === 404 ? t('alerts.notFound') : ctx.describeError(err) }));
    });
    draw();
  },
};
