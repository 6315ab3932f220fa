// Group cases: one event with many people (a site, an employer, a chain of
// recruiters). The list of groups, a form for a new one, and one group's
// page: its facts, the recruitment chain, its members by case number with
// their states, counts by status that link to the filtered case list, and
// adding members (existing cases by number, or new ones from a CSV file).
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { field, selectField, controller } from '../forms.js';
import { t, tn, formatDate, formatNumber } from '../i18n.js';
import { vocabularies, jurisdiction, label, options } from '../vocab.js';
import { STATUSES, statusBadge, ageGroupLabel, row } from '../caseui.js';
import { groupScreening } from './screening.js';

export const title = 'groups.title';

const ROLES = ['recruiter', 'agency', 'intermediary', 'transporter', 'employer', 'other'];

export function render(main, ctx) {
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('groups.title') }),
    ctx.flash ? h('div', { class: 'notice', text: ctx.flash }) : null,
    h('p', { class: 'lead', text: t('groups.intro') }),
    body,
    ctx.can('create') ? newGroup(ctx) : null);
  Promise.all([api.get('/groups'), vocabularies()]).then(([res, vocab]) => {
    if (!ctx.isCurrent()) return;
    body.removeAttribute('aria-busy');
    const items = res.items ?? [];
    replace(body, items.length
      ? h('ul', { class: 'records records--cards' }, items.map((g) => h('li', null,
        h('p', { class: 'records__title' }, h('a', { href: `#/groups/${g.id}`, text: g.name })),
        h('p', { class: 'muted', text: [g.site, label(vocab, 'country', g.country), g.employer, g.organisation?.name].filter(Boolean).join(' · ') }),
        h('p', { text: tn('groups.members', g.member_count ?? 0) }))))
      : h('p', { class: 'muted', text: t('groups.none') }));
  }).catch((err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    body.removeAttribute('aria-busy');
    replace(body, h('p', { class: 'error-text', role: 'alert', text: ctx.describeError(err) }));
  });
}

function newGroup(ctx) {
  const slot = h('section', { class: 'panel', 'aria-labelledby': 'new-group-title' },
    h('h2', { id: 'new-group-title', text: t('groups.new') }));
  Promise.all([vocabularies(), jurisdiction()]).then(([vocab, jur]) => {
    const countries = options(vocab, 'country', { sort: true, first: [jur.country] }).map((o) => ({ value: o.code, label: o.label }));
    const f = {
      name: field({ id: 'group-name', name: 'name', label: t('groups.name'), hint: t('groups.nameHint'), attrs: { maxlength: 200 } }),
      site: field({ id: 'group-site', name: 'site', label: t('groups.site'), required: false, attrs: { maxlength: 200 } }),
      country: selectField({ id: 'group-country', name: 'country', label: t('groups.country'), required: false, placeholder: t('form.choose'), options: countries }),
      employer: field({ id: 'group-employer', name: 'employer', label: t('groups.employer'), required: false, attrs: { maxlength: 200 } }),
      sector: field({ id: 'group-sector', name: 'sector', label: t('groups.sector'), required: false, attrs: { maxlength: 100 } }),
    };
    const chain = h('ol', { class: 'chain' });
    const links = [];
    const addLink = () => {
      const i = links.length;
      const link = {
        role: selectField({ id: `chain-role-${i}`, name: 'role', label: t('groups.role'), value: 'recruiter', options: ROLES.map((r) => ({ value: r, label: t(`groups.role.${r}`) })) }),
        name: field({ id: `chain-name-${i}`, name: 'recruiter_name', label: t('groups.recruiterName'), required: false, hint: t('groups.recruiterHint'), attrs: { maxlength: 200, autocomplete: 'off' } }),
        country: selectField({ id: `chain-country-${i}`, name: 'recruiter_country', label: t('groups.country'), required: false, placeholder: t('form.choose'), options: countries }),
      };
      links.push(link);
      Object.assign(f, { [`recruiters[${i}].role`]: link.role, [`recruiters[${i}].name`]: link.name, [`recruiters[${i}].country`]: link.country });
      const item = h('li', null, h('fieldset', { class: 'fieldset chain__link' },
        h('legend', { text: t('groups.link', { n: i + 1 }) }), link.role, link.name, link.country));
      chain.append(item);
      link.role.input.focus();
    };
    const messages = h('div', { class: 'form-messages' });
    const button = h('button', { type: 'submit', class: 'button', text: t('groups.create') });
    const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'new-group-title' },
      messages, f.name, f.site, f.country, f.employer, f.sector,
      h('h3', { class: 'small-heading', text: t('groups.chain') }),
      h('p', { class: 'hint', text: t('groups.chainHint') }),
      chain,
      h('button', { type: 'button', class: 'button button--secondary', text: t('groups.addLink'), onclick: addLink }),
      h('div', { class: 'actions' }, button));
    controller({
      form, messages, fields: f, button, label: t('groups.create'), ctx,
      resolve: (name) => name,
      check: () => (f.name.input.value.trim() ? [] : [{ field: 'name', message: t('form.error.required', { label: t('groups.name') }) }]),
      submit: async () => {
        const body = { name: f.name.input.value.trim() };
        for (const k of ['site', 'country', 'employer', 'sector']) if (f[k].input.value.trim()) body[k] = f[k].input.value.trim();
        const recruiters = links.map((l) => {
          const r = { role: l.role.input.value };
          if (l.name.input.value.trim()) r.name = l.name.input.value.trim();
          if (l.country.input.value) r.country = l.country.input.value;
          return r;
        });
        if (recruiters.length) body.recruiters = recruiters;
        const g = await api.post('/groups', body);
        ctx.setFlash(t('groups.created', { name: g.name }));
        ctx.navigate(`/groups/${g.id}`);
      },
    });
    slot.append(form);
  }).catch(() => {});
  return slot;
}

// ---- one group ------------------------------------------------------------

export const groupView = {
  title: 'group.title',
  render(main, ctx) {
    const id = ctx.params[0];
    const heading = h('h1', { id: 'page-title', tabindex: '-1', text: t('group.title') });
    const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
    replace(main,
      h('p', { class: 'back' }, h('a', { href: '#/groups', text: t('group.back') })),
      heading,
      ctx.flash ? h('div', { class: 'notice', text: ctx.flash }) : null,
      body);
    const draw = (g, vocab, message) => {
      heading.textContent = t('group.heading', { name: g.name });
      body.removeAttribute('aria-busy');
      replace(body,
        message ? h('div', { class: 'notice', text: message }) : null,
        facts(g, vocab),
        members(g, vocab),
        groupScreening(g, ctx),
        ctx.can('decide') && (ctx.state.user.role === 'coordinator' || g.organisation?.id === ctx.state.user.organisation?.id) ? addMembers(g, ctx, (next, msg) => {
          draw(next, vocab, msg);
          ctx.announce(msg);
          body.querySelector('#members-title')?.focus();
        }) : null);
    };
    Promise.all([api.get(`/groups/${id}`), vocabularies()]).then(([g, vocab]) => {
      if (ctx.isCurrent()) draw(g, vocab);
    }).catch((err) => {
      if (!ctx.isCurrent() || err.status === 401) return;
      body.removeAttribute('aria-busy');
      replace(body, h('p', { class: 'error-text', role: 'alert', text: err.status === 404 ? t('group.notFound') : ctx.describeError(err) }));
    });
  },
};

function facts(g, vocab) {
  return h('section', { class: 'panel', 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title', text: t('group.facts') }),
    h('dl', { class: 'summary-list' },
      row(t('groups.site'), g.site),
      row(t('groups.country'), label(vocab, 'country', g.country)),
      row(t('groups.employer'), g.employer),
      row(t('groups.sector'), g.sector),
      row(t('common.organisation'), g.organisation?.name),
      row(t('group.created'), formatDate(g.created_at?.slice(0, 10)))),
    h('h3', { class: 'small-heading', text: t('groups.chain') }),
    g.recruiters?.length
      ? h('ol', { class: 'chain' }, g.recruiters.map((r) => h('li', null,
        h('strong', { text: t(`groups.role.${r.role}`) }),
        r.name ? ` · ${r.name}` : r.name_recorded ? ` · ${t('group.nameHidden')}` : '',
        r.country ? ` · ${label(vocab, 'country', r.country)}` : '')))
      : h('p', { class: 'muted', text: t('group.noChain') }));
}

function members(g, vocab) {
  const counts = g.counts_by_status ?? {};
  return h('section', { class: 'panel', 'aria-labelledby': 'members-title' },
    h('h2', { id: 'members-title', tabindex: '-1', text: tn('groups.members', g.member_count ?? 0) }),
    h('h3', { class: 'small-heading', text: t('group.byStatus') }),
    h('ul', { class: 'counts' }, STATUSES.map((s) => h('li', null,
      h('a', { href: `#/cases${query({ group: g.id, status: s })}` },
        h('span', { class: 'counts__n', text: formatNumber(counts[s] ?? 0) }), ' ', t(`status.${s}`))))),
    g.members?.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack' },
      h('caption', { class: 'visually-hidden', text: t('group.membersCaption') }),
      h('thead', null, h('tr', null, [t('cases.col.number'), t('cases.col.status'), t('cases.col.sex'), t('cases.col.age'), t('case.identification')]
        .map((x) => h('th', { scope: 'col', text: x })))),
      h('tbody', null, g.members.map((m) => h('tr', null,
        h('th', { scope: 'row', 'data-label': t('cases.col.number') }, h('a', { href: `#/cases/${m.id}`, text: m.case_number })),
        h('td', { 'data-label': t('cases.col.status') }, statusBadge(m.status)),
        h('td', { 'data-label': t('cases.col.sex'), text: label(vocab, 'sex', m.sex) }),
        h('td', { 'data-label': t('cases.col.age'), text: ageGroupLabel(m.child) }),
        h('td', { 'data-label': t('case.identification'), text: t(`outcome.${m.identification ?? 'pending'}`) })))))) : h('p', { class: 'muted', text: t('group.noMembers') }),
    g.members_not_shown ? h('p', { class: 'muted', text: tn('group.notShown', g.members_not_shown) }) : null,
    h('p', null, h('a', { href: `#/cases${query({ group: g.id })}`, text: t('group.inList') })));
}

function addMembers(g, ctx, done) {
  const numbers = field({ id: 'member-numbers', name: 'numbers', label: t('group.addNumbers'), hint: t('group.addNumbersHint'),
    attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const messages = h('div', { class: 'form-messages' });
  const button = h('button', { type: 'submit', class: 'button', text: t('group.addSubmit') });
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'add-members-title' },
    messages, numbers, h('div', { class: 'actions' }, button));
  const list = () => numbers.input.value.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
  controller({
    form, messages, fields: { case_ids: numbers }, button, label: t('group.addSubmit'), ctx,
    check: () => (list().length ? [] : [{ field: 'case_ids', message: t('form.error.required', { label: t('group.addNumbers') }) }]),
    submit: async () => {
      const ids = [];
      const missing = [];
      for (const n of list()) {
        const res = await api.get(`/cases${query({ number: n, per_page: 1 })}`);
        const hit = res.items?.find((x) => x.case_number.toUpperCase() === n.toUpperCase());
        if (hit) ids.push(hit.id); else missing.push(n);
      }
      if (missing.length) {
        const err = new Error('missing');
        err.status = 400;
        err.problem = {};
        err.fieldErrors = [{ field: 'case_ids', reason: t('group.notFoundNumbers', { numbers: missing.join(', ') }) }];
        throw err;
      }
      const next = await api.post(`/groups/${g.id}/members`, { case_ids: ids });
      done(next, tn('group.added', ids.length));
    },
  });

  // A CSV file: one new case per row, created in this group.
  const fileField = field({ id: 'members-csv', name: 'file', label: t('group.csvFile'), type: 'file', attrs: { accept: '.csv,text/csv' },
    hint: t('group.csvHint', {
      required: 'sex, referral_date, source',
      optional: 'ref, given_name, family_name, birth_date, birth_year, citizenship, exploitation, countries_of_exploitation',
    }) });
  const file = fileField.input;
  const csvMessages = h('div', { class: 'form-messages' });
  const csvButton = h('button', { type: 'submit', class: 'button', text: t('group.csvSubmit') });
  const csvForm = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'csv-title' },
    h('h3', { id: 'csv-title', class: 'small-heading', text: t('group.csv') }),
    csvMessages, fileField,
    h('div', { class: 'actions' }, csvButton));
  controller({
    form: csvForm, messages: csvMessages, fields: { file: fileField }, button: csvButton, label: t('group.csvSubmit'), ctx,
    resolve: () => 'file',
    check: () => (file.files?.length ? [] : [{ field: 'file', message: t('form.error.required', { label: t('group.csvFile') }) }]),
    submit: async () => {
      const text = await file.files[0].text();
      const res = await api.send('POST', `/groups/${g.id}/members`, text, 'text/csv');
      done(res, tn('group.csvDone', res.created ?? 0));
    },
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'add-members-title' },
    h('h2', { id: 'add-members-title', text: t('group.add') }),
    form, csvForm);
}
