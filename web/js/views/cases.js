// Placeholder until case records exist; explains the field's terms.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const title = 'cases.title';

const TERMS = ['victim', 'reasonableGrounds', 'reflection'];

export function render(main) {
  main.append(
    h('h1', { id: 'page-title', tabindex: '-1', text: t('cases.title') }),
    h('p', { class: 'notice', text: t('cases.soon') }),
    h('section', { class: 'panel', 'aria-labelledby': 'terms-title' },
      h('h2', { id: 'terms-title', text: t('terms.title') }),
      h('dl', { class: 'terms' },
        TERMS.map((k) => [h('dt', { text: t(`terms.${k}`) }), h('dd', { text: t(`terms.${k}.text`) })]))));
}
