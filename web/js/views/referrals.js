// Referrals between organisations: those sent to the user's organisation
// (to accept, reject or complete on the case page) and those it sent. The
// direction is in the hash query (#/referrals?direction=outgoing).
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { t, tn, formatDate } from '../i18n.js';
import { vocabularies, label } from '../vocab.js';
import { ageGroupLabel } from '../caseui.js';

export const title = 'refs.title';

export function render(main, ctx) {
  const direction = ctx.query.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  const tab = (d) => h('li', null, h('a', {
    href: `#/referrals${query({ direction: d === 'incoming' ? '' : d })}`,
    'aria-current': d === direction ? 'page' : null, text: t(`refs.${d}`),
  }));
  replace(main,
    h('h1', { id: 'page-title', tabindex: '-1', text: t('refs.title') }),
    h('p', { class: 'lead', text: t('refs.intro') }),
    h('nav', { class: 'subnav', 'aria-label': t('refs.direction') }, h('ul', null, tab('incoming'), tab('outgoing'))),
    body);
  Promise.all([api.get(`/referrals${query({ direction, per_page: 100 })}`), vocabularies()]).then(([res, vocab]) => {
    if (!ctx.isCurrent()) return;
    body.removeAttribute('aria-busy');
    const items = res.items ?? [];
    const purpose = (p) => (p === 'identification' ? t('ref.purpose.identification') : label(vocab, 'service', p));
    const cols = [t('cases.col.number'), direction === 'incoming' ? t('refs.from') : t('refs.to'), t('ref.purpose'),
      t('refs.status'), t('refs.sentOn'), t('cases.col.sex'), t('cases.col.age')];
    replace(body,
      h('h2', { text: tn('refs.count', res.total ?? items.length) }),
      items.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table table--stack' },
        h('caption', { class: 'visually-hidden', text: t(`refs.${direction}`) }),
        h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', null, items.map((r) => h('tr', null,
          h('th', { scope: 'row', 'data-label': cols[0] }, h('a', { href: `#/cases/${r.case?.id}`, text: r.case?.case_number ?? '' })),
          h('td', { 'data-label': cols[1], text: (direction === 'incoming' ? r.from : r.to)?.name ?? '' }),
          h('td', { 'data-label': cols[2], text: purpose(r.purpose) }),
          h('td', { 'data-label': cols[3], text: `${t(`ref.status.${r.status}`)}${r.status_date ? ` · ${formatDate(r.status_date)}` : ''}` }),
          h('td', { 'data-label': cols[4], text: formatDate(r.sent_date) }),
          h('td', { 'data-label': cols[5], text: label(vocab, 'sex', r.case?.sex) }),
          h('td', { 'data-label': cols[6], text: ageGroupLabel(r.case?.child) })))))) : h('p', { class: 'muted', text: t('refs.none') }),
      items.length < (res.total ?? 0) ? h('p', { class: 'muted', text: t('refs.more', { n: items.length }) }) : null);
  }).catch((err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    body.removeAttribute('aria-busy');
    replace(body, h('p', { class: 'error-text', role: 'alert', text: ctx.describeError(err) }));
  });
}
