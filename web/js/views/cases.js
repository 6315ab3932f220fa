// The case list: filters, sorting and paging, all kept in the hash query
// (#/cases?status=referred&child=true), so a figure elsewhere can link to
// the list it counts and a filtered list can be bookmarked. Rows show case
// number, status, sex, age group, referral date, source and forms: never a
// name.
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { selectField, field, checkField, showSummary } from '../forms.js';
import { t, tn, formatDate, formatNumber } from '../i18n.js';
import { vocabularies, jurisdiction, organisations, label, options } from '../vocab.js';
import { STATUSES, statusBadge, ageGroupLabel, joinLabels } from '../caseui.js';

export const title = 'cases.title';

const FILTERS = ['status', 'year', 'source', 'exploitation', 'sex', 'child', 'citizenship', 'number', 'organisation', 'group', 'negative_unreviewed'];
const SORTS = ['updated_at', 'case_number', 'referral_date', 'status'];
const PER_PAGE = 25;

/** The list's state from the hash query, with defaults filled in. */
function readQuery(q) {
  const s = {};
  for (const k of FILTERS) s[k] = q.get(k) ?? '';
  s.sort = SORTS.includes(q.get('sort')) ? q.get('sort') : 'updated_at';
  s.order = q.get('order') === 'asc' ? 'asc' : q.get('order') === 'desc' ? 'desc' : (s.sort === 'updated_at' ? 'desc' : 'asc');
  s.page = Math.max(1, Number.parseInt(q.get('page'), 10) || 1);
  return s;
}

/** The hash for list state S (defaults left out, so links stay short). */
export function listHash(s) {
  const out = {};
  for (const k of FILTERS) out[k] = s[k];
  if (s.sort && s.sort !== 'updated_at') out.sort = s.sort;
  const defaultOrder = (s.sort ?? 'updated_at') === 'updated_at' ? 'desc' : 'asc';
  if (s.order && s.order !== defaultOrder) out.order = s.order;
  if (s.page > 1) out.page = s.page;
  return `#/cases${query(out)}`;
}

export function render(main, ctx) {
  const state = readQuery(ctx.query);
  const coordinator = ctx.state.user.role === 'coordinator';
  const heading = h('h1', { id: 'page-title', tabindex: '-1', text: t('cases.title') });
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-title', 'aria-busy': 'true' },
    h('h2', { id: 'results-title', tabindex: '-1', text: t('cases.results') }),
    h('p', { class: 'muted', text: t('common.loading') }));
  const filtersSlot = h('div', null, h('p', { class: 'muted', text: t('common.loading') }));
  let applyHere = () => {};

  replace(main,
    heading,
    ctx.flash ? h('div', { class: 'notice', text: ctx.flash }) : null,
    h('p', { class: 'lead', text: t('cases.intro') }),
    ctx.can('create') ? h('p', null, h('a', { class: 'button', href: '#/cases/new', text: t('cases.new') })) : null,
    filtersSlot,
    results,
    h('details', { class: 'explain panel' },
      h('summary', { text: t('terms.title') }),
      h('dl', { class: 'terms' }, ['victim', 'reasonableGrounds', 'reflection'].map((k) => [
        h('dt', { text: t(`terms.${k}`) }), h('dd', { text: t(`terms.${k}.text`) })]))));

  Promise.all([vocabularies(), jurisdiction(), coordinator ? organisations() : Promise.resolve([])])
    .then(([vocab, jur, orgs]) => {
      if (!ctx.isCurrent()) return;
      // Filters, sorting and paging reload the results in place (focus
      // moves to the results heading) and record the new state in the hash.
      applyHere = (next) => {
        Object.assign(state, next);
        history.pushState(null, '', listHash(state));
        load(vocab, orgs, 'results');
      };
      replace(filtersSlot, filterForm(state, vocab, jur, orgs, coordinator, applyHere));
      load(vocab, orgs);
    })
    .catch((err) => fail(err));

  function fail(err) {
    if (!ctx.isCurrent() || err.status === 401) return;
    results.removeAttribute('aria-busy');
    replace(results, h('h2', { id: 'results-title', text: t('cases.results') }),
      h('p', { class: 'error-text', role: 'alert', text: `${t('cases.error')} ${ctx.describeError(err)}` }));
  }

  async function load(vocab, orgs, focus) {
    results.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await api.get(`/cases${query({
        ...Object.fromEntries(FILTERS.map((k) => [k, state[k]])),
        sort: state.sort, order: state.order, page: state.page, per_page: PER_PAGE,
      })}`);
    } catch (err) {
      if (err.status === 400 && err.fieldErrors.length) {
        // A hand-edited or outdated link: say which filter is wrong.
        results.removeAttribute('aria-busy');
        const msgs = err.fieldErrors.map((e) => t('cases.badFilter', { name: String(e.field).replace(/^query\./, ''), reason: e.reason }));
        const slot = h('div');
        showSummary(slot, msgs);
        replace(results, h('h2', { id: 'results-title', text: t('cases.results') }), slot,
          h('p', null, h('a', { href: '#/cases', text: t('cases.clear') })));
        return;
      }
      fail(err);
      return;
    }
    if (!ctx.isCurrent()) return;
    results.removeAttribute('aria-busy');
    const pages = Math.max(1, Math.ceil(data.total / PER_PAGE));
    const first = data.total ? (data.page - 1) * PER_PAGE + 1 : 0;
    const last = Math.min(data.total, data.page * PER_PAGE);
    const summary = data.total
      ? t('cases.showing', { first: formatNumber(first), last: formatNumber(last), total: formatNumber(data.total) })
      : t('cases.none');
    const title = h('h2', { id: 'results-title', tabindex: '-1' }, tn('cases.found', data.total));
    replace(results, title,
      h('p', { class: 'muted', text: summary }),
      data.items.length ? table(data.items, vocab, orgs, coordinator) : null,
      pages > 1 ? pager(data.page, pages) : null);
    if (focus === 'results') title.focus();
    ctx.announce(tn('cases.found', data.total));
  }

  function table(items, vocab, orgs, withOrg) {
    const sortable = { case_number: 'cases.col.number', status: 'cases.col.status', referral_date: 'cases.col.date' };
    const th = (key, text) => {
      if (!sortable[key]) return h('th', { scope: 'col', text });
      const active = state.sort === key;
      const next = active && state.order === 'asc' ? 'desc' : 'asc';
      return h('th', { scope: 'col', 'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : null },
        h('button', {
          type: 'button', class: 'sort',
          onclick: () => applyHere({ sort: key, order: next, page: 1 }),
        }, text, h('span', { class: 'visually-hidden', text: ` ${t(active ? `cases.sorted.${state.order}` : 'cases.sortBy')}` }),
        h('span', { class: 'sort__icon', 'aria-hidden': 'true', text: active ? (state.order === 'asc' ? '▲' : '▼') : '↕' })));
    };
    const cols = [
      ['case_number', t('cases.col.number')], ['status', t('cases.col.status')], ['sex', t('cases.col.sex')],
      ['age', t('cases.col.age')], ['referral_date', t('cases.col.date')], ['source', t('cases.col.source')],
      ['forms', t('cases.col.forms')], withOrg ? ['org', t('common.organisation')] : null,
    ].filter(Boolean);
    return h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack' },
      h('caption', { class: 'visually-hidden', text: t('cases.caption') }),
      h('thead', null, h('tr', null, cols.map(([k, text]) => th(k, text)))),
      h('tbody', null, items.map((c) => h('tr', null,
        h('th', { scope: 'row', 'data-label': t('cases.col.number') },
          h('a', { href: `#/cases/${c.id}`, text: c.case_number })),
        h('td', { 'data-label': t('cases.col.status') }, statusBadge(c.status)),
        h('td', { 'data-label': t('cases.col.sex'), text: label(vocab, 'sex', c.sex) }),
        h('td', { 'data-label': t('cases.col.age'), text: ageGroupLabel(c.child) }),
        h('td', { 'data-label': t('cases.col.date'), text: formatDate(c.referral_date) }),
        h('td', { 'data-label': t('cases.col.source'), text: label(vocab, 'referral_source', c.referral_source) }),
        h('td', { 'data-label': t('cases.col.forms'), text: joinLabels((c.exploitation ?? []).map((f) => label(vocab, 'exploitation', f))) || '–' }),
        withOrg ? h('td', { 'data-label': t('common.organisation'), text: c.organisation?.name ?? '' }) : null)))));
  }

  function pager(page, pages) {
    const link = (p, text, rel) => h('a', {
      href: listHash({ ...state, page: p }), rel,
      onclick: (ev) => { ev.preventDefault(); applyHere({ page: p }); },
    }, text);
    return h('nav', { class: 'pager', 'aria-label': t('cases.pages') },
      page > 1 ? link(page - 1, t('cases.prev'), 'prev') : h('span'),
      h('span', { text: t('cases.pageOf', { page: formatNumber(page), pages: formatNumber(pages) }) }),
      page < pages ? link(page + 1, t('cases.next'), 'next') : h('span'));
  }
}

function filterForm(state, vocab, jur, orgs, coordinator, apply) {
  const opt = (kind, sort = false) => options(vocab, kind, { sort }).map((o) => ({ value: o.code, label: o.label }));
  const any = t('cases.filter.any');
  const f = {
    status: selectField({ id: 'f-status', name: 'status', label: t('cases.col.status'), required: false, mark: false, placeholder: any, value: state.status,
      options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) }),
    year: field({ id: 'f-year', name: 'year', label: t('cases.filter.year'), type: 'number', required: false, mark: false,
      attrs: { min: 1900, max: 2999, inputmode: 'numeric', value: state.year } }),
    source: selectField({ id: 'f-source', name: 'source', label: t('cases.col.source'), required: false, mark: false, placeholder: any, value: state.source, options: opt('referral_source') }),
    exploitation: selectField({ id: 'f-exploitation', name: 'exploitation', label: t('cases.filter.form'), required: false, mark: false, placeholder: any, value: state.exploitation, options: opt('exploitation') }),
    sex: selectField({ id: 'f-sex', name: 'sex', label: t('cases.col.sex'), required: false, mark: false, placeholder: any, value: state.sex, options: opt('sex') }),
    child: selectField({ id: 'f-child', name: 'child', label: t('cases.col.age'), required: false, mark: false, placeholder: any, value: state.child,
      options: [{ value: 'true', label: t('age.child') }, { value: 'false', label: t('age.adult') }] }),
    citizenship: selectField({ id: 'f-citizenship', name: 'citizenship', label: t('cases.filter.citizenship'), required: false, mark: false, placeholder: any, value: state.citizenship,
      options: options(vocab, 'country', { sort: true, first: [jur.country] }).map((o) => ({ value: o.code, label: o.label })) }),
    number: field({ id: 'f-number', name: 'number', label: t('cases.filter.number'), required: false, mark: false,
      attrs: { value: state.number, autocomplete: 'off', spellcheck: 'false', placeholder: 'LT-2024-000001' } }),
    // A refused person cannot appeal, so a negative decision nobody reviewed
    // is worth finding (docs/cases.md); the server keeps closed cases in it.
    negative_unreviewed: checkField({ id: 'f-unreviewed', name: 'negative_unreviewed', label: t('cases.filter.unreviewed'),
      hint: t('cases.filter.unreviewedHint'), checked: state.negative_unreviewed === 'true' }),
  };
  if (coordinator) {
    f.organisation = selectField({ id: 'f-organisation', name: 'organisation', label: t('common.organisation'), required: false, mark: false, placeholder: any,
      value: state.organisation, options: orgs.map((o) => ({ value: String(o.id), label: o.name })) });
  }
  const sort = selectField({ id: 'f-sort', name: 'sort', label: t('cases.sort'), required: false, mark: false, value: state.sort,
    options: SORTS.map((s) => ({ value: s, label: t(`cases.sort.${s}`) })) });
  const order = selectField({ id: 'f-order', name: 'order', label: t('cases.order'), required: false, mark: false, value: state.order,
    options: [{ value: 'asc', label: t('cases.order.asc') }, { value: 'desc', label: t('cases.order.desc') }] });
  const button = h('button', { type: 'submit', class: 'button', text: t('cases.apply') });
  const clear = h('a', { href: '#/cases', class: 'button button--secondary', text: t('cases.clear') });
  const extra = state.group ? h('p', { class: 'muted', text: t('cases.filter.groupNote', { group: state.group }) }) : null;
  const form = h('form', { class: 'filters', 'aria-labelledby': 'filters-title', novalidate: true },
    h('h2', { id: 'filters-title', text: t('cases.filters') }),
    extra,
    h('div', { class: 'filters__grid' }, Object.values(f), sort, order),
    h('div', { class: 'actions' }, button, clear));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = { page: 1, sort: sort.input.value, order: order.input.value };
    for (const [k, w] of Object.entries(f)) {
      next[k] = w.input.type === 'checkbox' ? (w.input.checked ? 'true' : '') : w.input.value.trim();
    }
    apply(next);
  });
  return form;
}
