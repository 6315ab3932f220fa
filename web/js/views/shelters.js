// The shelter board: for each shelter, places taken by day (women, men,
// children) against its capacity and licence on that day, as a table with a
// small bar per day; then the turn-aways in the period (people no shelter
// could take, the reason and the alternative used), each linking to its
// case. The period is in the hash query (#/shelters?from=…&to=…).
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { field, selectField, checkField, controller } from '../forms.js';
import { t, tn, formatDate, formatDay, formatNumber, today } from '../i18n.js';
import { organisations } from '../vocab.js';
import { dateErrors } from '../caseui.js';

export const title = 'board.title';

const PLACES = ['women', 'men', 'children'];
const DEFAULT_DAYS = 14;

function shift(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function render(main, ctx) {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  const to = iso.test(ctx.query.get('to') ?? '') ? ctx.query.get('to') : today();
  const from = iso.test(ctx.query.get('from') ?? '') ? ctx.query.get('from') : shift(to, -(DEFAULT_DAYS - 1));
  const board = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  const f = {
    from: field({ id: 'board-from', name: 'from', label: t('board.from'), type: 'date', attrs: { value: from, max: today() } }),
    to: field({ id: 'board-to', name: 'to', label: t('board.to'), type: 'date', attrs: { value: to, max: today() } }),
  };
  const messages = h('div', { class: 'form-messages' });
  const button = h('button', { type: 'submit', class: 'button', text: t('board.show') });
  const form = h('form', { class: 'filters', novalidate: true, 'aria-labelledby': 'period-title' },
    h('h2', { id: 'period-title', text: t('board.period') }),
    messages,
    h('div', { class: 'filters__grid' }, f.from, f.to),
    h('div', { class: 'actions' }, button));
  controller({
    form, messages, fields: f, button, label: t('board.show'), ctx,
    resolve: (name) => String(name).replace(/^query\./, ''),
    check: () => {
      const errs = dateErrors(f, 'from', true, null, []);
      dateErrors(f, 'to', true, f.from.input.value, errs, 'form.error.beforeStart');
      return errs;
    },
    submit: async () => {
      const next = `#/shelters${query({ from: f.from.input.value, to: f.to.input.value })}`;
      history.pushState(null, '', next);
      await load(f.from.input.value, f.to.input.value, true);
    },
  });

  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('board.title') }),
    ctx.flash ? h('div', { class: 'notice', text: ctx.flash }) : null,
    h('p', { class: 'lead', text: t('board.intro') }),
    form,
    board,
    ctx.can('shelterAdmin') ? addShelter(ctx) : null);

  async function load(a, b, focus) {
    board.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await api.get(`/shelters/board${query({ from: a, to: b })}`);
    } catch (err) {
      board.removeAttribute('aria-busy');
      if (err.status === 401 || !ctx.isCurrent()) return;
      if (err.fieldErrors.length) throw err; // shown next to the period fields
      replace(board, h('p', { class: 'error-text', role: 'alert', text: ctx.describeError(err) }));
      return;
    }
    if (!ctx.isCurrent()) return;
    board.removeAttribute('aria-busy');
    const heading = h('h2', { id: 'board-result', tabindex: '-1', text: t('board.result', { from: formatDate(data.from), to: formatDate(data.to) }) });
    replace(board, heading,
      data.shelters.length ? data.shelters.map((s) => shelterSection(s)) : h('p', { class: 'muted', text: t('board.noShelters') }),
      turnAways(data.turn_aways, data.shelters));
    if (focus) heading.focus();
    ctx.announce(t('board.loaded'));
  }
  load(from, to, false).catch(() => {});
}

function shelterSection(s) {
  const id = `shelter-${s.id}`;
  const total = (o) => PLACES.reduce((n, p) => n + (o?.[p] ?? 0), 0);
  return h('section', { class: 'panel', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title`, class: 'shelter__name', text: s.name }),
    h('p', { class: 'muted' },
      s.organisation?.name ?? '', ' · ', t(s.specialised ? 'shelter.specialised' : 'shelter.general'), ' · ',
      s.licence_valid_until ? t('shelter.licenceUntil', { date: formatDate(s.licence_valid_until) }) : h('strong', { class: 'warning-text', text: t('shelter.noLicence') })),
    h('p', null, t('shelter.capacity', {
      women: formatNumber(s.capacity?.women ?? 0), men: formatNumber(s.capacity?.men ?? 0), children: formatNumber(s.capacity?.children ?? 0),
    }), s.turn_aways ? ` · ${tn('shelter.turnedAway', s.turn_aways)}` : ''),
    h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': `${id}-caption` },
      h('table', { class: 'table table--board' },
        h('caption', { id: `${id}-caption`, text: t('board.caption', { name: s.name }) }),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', text: t('board.date') }),
          PLACES.map((p) => h('th', { scope: 'col', class: 'num', text: t(`place.place.${p}`) })),
          h('th', { scope: 'col', text: t('board.use') }))),
        h('tbody', null, s.days.map((d) => {
          const cap = d.capacity ?? s.capacity ?? {};
          const used = total(d);
          const all = total(cap);
          const over = PLACES.some((p) => (d[p] ?? 0) > (cap[p] ?? 0));
          return h('tr', { class: !d.licensed ? 'row--warn' : null },
            h('th', { scope: 'row' }, h('time', { datetime: d.date, text: formatDay(d.date) })),
            PLACES.map((p) => h('td', { class: `num${(d[p] ?? 0) > (cap[p] ?? 0) ? ' cell--over' : ''}` },
              t('board.ofCap', { n: formatNumber(d[p] ?? 0), cap: formatNumber(cap[p] ?? 0) }))),
            h('td', null,
              h('span', { class: 'bar', 'aria-hidden': 'true' },
                h('span', { class: `bar__fill bar__fill--${Math.min(10, all ? Math.round((used / all) * 10) : 0)}${over ? ' bar__fill--over' : ''}` })),
              h('span', { class: 'bar__text', text: [
                all ? `${Math.round((used / all) * 100)} %` : '–',
                over ? t('board.over') : null,
                d.licensed ? null : t('board.unlicensedDay'),
              ].filter(Boolean).join(' · ') })));
        })))));
}

function turnAways(ta, shelters) {
  const name = (id) => shelters.find((s) => s.id === id)?.name ?? '';
  const reasons = ['full', 'unlicensed', 'wrong_sex', 'other'];
  const alts = ['ngo_accommodation', 'social_welfare_shelter', 'other'];
  return h('section', { class: 'panel', 'aria-labelledby': 'turnaways-title' },
    h('h3', { id: 'turnaways-title', class: 'shelter__name', text: t('board.turnAways') }),
    h('p', { class: 'explain-text', text: t('board.turnAwaysExplain') }),
    h('p', { class: 'key-fact' }, tn('board.turnAwayTotal', ta?.total ?? 0)),
    ta?.total ? h('div', { class: 'split' },
      h('table', { class: 'table' },
        h('caption', { text: t('board.byReason') }),
        h('tbody', null, reasons.map((r) => h('tr', null, h('th', { scope: 'row', text: t(`place.reason.${r}`) }),
          h('td', { class: 'num', text: formatNumber(ta.by_reason?.[r] ?? 0) }))))),
      h('table', { class: 'table' },
        h('caption', { text: t('board.byAlternative') }),
        h('tbody', null, alts.map((a) => h('tr', null, h('th', { scope: 'row', text: t(`place.alt.${a}`) }),
          h('td', { class: 'num', text: formatNumber(ta.by_alternative?.[a] ?? 0) })))))) : null,
    ta?.items?.length ? h('div', { class: 'table-wrap' },
      h('table', { class: 'table table--stack' },
        h('caption', { id: 'turnaways-caption', text: t('board.turnAwayCases') }),
        h('thead', null, h('tr', null, [t('board.date'), t('cases.col.number'), t('place.reason'), t('place.alternative'), t('board.turnedBy')]
          .map((x) => h('th', { scope: 'col', text: x })))),
        h('tbody', null, ta.items.map((i) => h('tr', null,
          h('td', { 'data-label': t('board.date'), text: formatDate(i.date) }),
          h('th', { scope: 'row', 'data-label': t('cases.col.number') }, h('a', { href: `#/cases/${i.case_id}`, text: i.case_number })),
          h('td', { 'data-label': t('place.reason'), text: t(`place.reason.${i.reason}`) }),
          h('td', { 'data-label': t('place.alternative'), text: t(`place.alt.${i.alternative}`) }),
          h('td', { 'data-label': t('board.turnedBy'), text: name(i.shelter_id) || '–' })))))) : null,
    ta?.items_hidden ? h('p', { class: 'muted', text: tn('board.hidden', ta.items_hidden) }) : null);
}

// Coordinators register shelters (name, organisation, capacity, licence).
function addShelter(ctx) {
  const slot = h('section', { class: 'panel', 'aria-labelledby': 'add-shelter-title' },
    h('h2', { id: 'add-shelter-title', text: t('shelter.add') }));
  organisations().then((orgs) => {
    const num = (id, label) => field({ id, name: id, label, type: 'number', attrs: { min: 0, max: 1000, value: 0, inputmode: 'numeric' } });
    const f = {
      name: field({ id: 'shelter-name', name: 'name', label: t('shelter.name'), attrs: { maxlength: 160 } }),
      organisation_id: selectField({ id: 'shelter-org', name: 'organisation', label: t('shelter.org'), placeholder: t('form.choose'),
        options: orgs.filter((o) => o.kind !== 'administration').map((o) => ({ value: String(o.id), label: o.name })) }),
      specialised: checkField({ id: 'shelter-specialised', name: 'specialised', label: t('shelter.specialisedLabel'), checked: true }),
      capacity_women: num('shelter-women', t('shelter.capWomen')),
      capacity_men: num('shelter-men', t('shelter.capMen')),
      capacity_children: num('shelter-children', t('shelter.capChildren')),
      licence_valid_until: field({ id: 'shelter-licence', name: 'licence', label: t('shelter.licence'), type: 'date', required: false, hint: t('shelter.licenceHint') }),
    };
    const messages = h('div', { class: 'form-messages' });
    const button = h('button', { type: 'submit', class: 'button', text: t('shelter.addSubmit') });
    const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'add-shelter-title' },
      messages, Object.values(f), h('div', { class: 'actions' }, button));
    controller({
      form, messages, fields: f, button, label: t('shelter.addSubmit'), ctx,
      check: () => {
        const errs = [];
        if (!f.name.input.value.trim()) errs.push({ field: 'name', message: t('form.error.required', { label: t('shelter.name') }) });
        if (!f.organisation_id.input.value) errs.push({ field: 'organisation_id', message: t('form.error.required', { label: t('shelter.org') }) });
        return errs;
      },
      submit: async () => {
        const body = {
          name: f.name.input.value.trim(), organisation_id: Number(f.organisation_id.input.value), specialised: f.specialised.input.checked,
          capacity_women: Number(f.capacity_women.input.value || 0), capacity_men: Number(f.capacity_men.input.value || 0),
          capacity_children: Number(f.capacity_children.input.value || 0),
        };
        if (f.licence_valid_until.input.value) body.licence_valid_until = f.licence_valid_until.input.value;
        await api.post('/shelters', body);
        ctx.setFlash(t('shelter.added', { name: body.name }));
        ctx.navigate(`/shelters${location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?')) : ''}`);
      },
    });
    slot.append(form);
  }).catch(() => {});
  return slot;
}
