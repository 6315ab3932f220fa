// The first page after sign-in: who you are here, the figures in scope, and
// links to the case list (filtered by the hash query).
import { api, query } from '../api.js';
import { h, replace } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
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
        h('li', null, h('a', { href: '#/cases?status=under_assessment', text: t('dashboard.casesAssessment') })))) : null);

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
