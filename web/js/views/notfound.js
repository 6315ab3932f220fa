import { h } from '../dom.js';
import { t } from '../i18n.js';

export const title = 'notfound.title';

export function render(main) {
  main.append(
    h('h1', { id: 'page-title', tabindex: '-1', text: t('notfound.title') }),
    h('p', null, h('a', { href: '#/dashboard', text: t('notfound.back') })));
}
