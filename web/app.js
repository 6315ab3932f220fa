// Lantern UI shell: boot, session, header, hash routing, idle lock.
// Routes are fixed words and record numbers (#/dashboard, #/cases/12), and
// list filters are vocabulary codes in the hash query (#/cases?status=
// referred); nothing identifying ever goes into the URL, the page title or
// browser storage (see docs/ui.md, Privacy).
import { api, setCsrfToken, onUnauthorized, lastServerContact } from './js/api.js';
import { h, replace, byId } from './js/dom.js';
import { IdleLock } from './js/idle.js';
import { announce } from './js/live.js';
import * as i18n from './js/i18n.js';
import { t, tn } from './js/i18n.js';
import * as loginView from './js/views/login.js';
import * as dashboardView from './js/views/dashboard.js';
import * as accountView from './js/views/account.js';
import * as casesView from './js/views/cases.js';
import * as caseNewView from './js/views/casenew.js';
import * as caseView from './js/views/case.js';
import * as referralsView from './js/views/referrals.js';
import * as groupsView from './js/views/groups.js';
import * as sheltersView from './js/views/shelters.js';
import * as alertsView from './js/views/alerts.js';
import * as reportsView from './js/views/reports.js';
import * as notFoundView from './js/views/notfound.js';
import { clearReference } from './js/vocab.js';
import { can } from './js/roles.js';

const APP_NAME = 'Lantern';
const DEFAULT_IDLE_SECONDS = 30 * 60;
const WARN_MS = 60 * 1000;
const KEEPALIVE_MS = 60 * 1000;

// PATH is matched whole; numbers in it become ctx.params. SECTION is the
// navigation entry a page belongs to; ACT the permission it needs (js/roles.js).
const ROUTES = [
  { path: '/login', view: loginView, public: true },
  { path: '/dashboard', view: dashboardView, nav: 'nav.dashboard' },
  { path: '/cases', view: casesView, nav: 'nav.cases', act: 'cases' },
  { path: '/cases/new', view: caseNewView, section: '/cases', act: 'create' },
  { path: /^\/cases\/(\d+)$/, view: caseView, section: '/cases', act: 'cases' },
  { path: '/referrals', view: referralsView, nav: 'nav.referrals', act: 'cases' },
  { path: '/groups', view: groupsView, nav: 'nav.groups', act: 'cases' },
  { path: /^\/groups\/(\d+)$/, view: groupsView.groupView, section: '/groups', act: 'cases' },
  { path: '/shelters', view: sheltersView, nav: 'nav.shelters', act: 'shelters' },
  { path: '/alerts', view: alertsView, nav: 'nav.alerts', act: 'alerts' },
  { path: /^\/alerts\/(\d+)$/, view: alertsView.alertView, section: '/alerts', act: 'alerts' },
  { path: '/reports', view: reportsView, nav: 'nav.reports', act: 'stats' },
  { path: '/account', view: accountView, nav: 'nav.account' },
];

function findRoute(path) {
  for (const r of ROUTES) {
    if (typeof r.path === 'string' && r.path === path) return { r, params: [] };
    if (r.path instanceof RegExp) {
      const m = r.path.exec(path);
      if (m) return { r, params: m.slice(1).map(Number) };
    }
  }
  return null;
}

const state = {
  user: null,            // {id, username, role, organisation:{id,name,kind}}
  idleSeconds: DEFAULT_IDLE_SECONDS,
};
let idle = null;
let renderCount = 0;
let firstRender = true;
let pendingPath = null;  // where to go after signing in
let notice = null;       // for the login page: a string (signed out, idle, ...) or {text, error}
let flash = null;        // a status message for the next signed-in page ("Case registered")

const header = byId('site-header');
const main = byId('main');

// ---- helpers shared with the views -------------------------------------

function roleLabel(role) {
  return i18n.has(`role.${role}`) ? t(`role.${role}`) : String(role ?? '');
}

function organisationLabel(org) {
  if (!org) return '';
  const kind = org.kind && i18n.has(`orgkind.${org.kind}`) ? t(`orgkind.${org.kind}`) : org.kind;
  return kind ? `${org.name} · ${kind}` : org.name;
}

/** A sentence for an API error, in the user's language. The server's own
 *  detail (English) is added only when the UI is in English. */
function describeError(err) {
  const s = err.status;
  let key = 'error.generic';
  if (s === 0) key = 'error.network';
  else if (s === 403) key = 'error.forbidden';
  else if (s === 404) key = 'error.notFound';
  else if (s === 413) key = 'error.tooLarge';
  else if (s === 429) key = 'error.tooMany';
  else if (s >= 500) key = 'error.server';
  const detail = err.problem?.detail;
  return i18n.language() === 'en' && detail && s !== 0 && s < 500 ? `${t(key)} (${detail})` : t(key);
}

// ---- session ------------------------------------------------------------

function adoptSession(data) {
  const user = data.user ?? data;
  state.user = {
    id: user.id,
    username: user.username,
    role: user.role,
    organisation: user.organisation ?? null,
  };
  if (data.csrf_token) setCsrfToken(data.csrf_token);
  const idleSeconds = Number(data.idle_timeout_seconds ?? user.idle_timeout_seconds);
  state.idleSeconds = idleSeconds > 0 ? idleSeconds : DEFAULT_IDLE_SECONDS;
  startIdle();
}

function startIdle() {
  idle?.close();
  idle = new IdleLock({
    timeoutMs: state.idleSeconds * 1000,
    warnMs: Math.min(WARN_MS, state.idleSeconds * 500),
    onWarn: showIdleWarning,
    onResume: hideIdleWarning,
    onActive: keepAlive,
    onLock: () => signOut('idle'),
    onRemoteSignOut: () => signOut('remote'),
  });
  idle.start();
}

// Activity in the UI keeps the server's session alive too (it only sees
// requests), at most one small request a minute.
function keepAlive() {
  if (!state.user || Date.now() - lastServerContact() < KEEPALIVE_MS) return;
  api.me().then((me) => { if (me?.csrf_token) setCsrfToken(me.csrf_token); }).catch(() => {});
}

async function refreshSession() {
  const me = await api.me();
  if (me) adoptSession(me);
}

async function signedIn(res) {
  adoptSession(res);
  notice = null;
  const found = pendingPath && findRoute(pendingPath.split('?')[0]);
  const to = found && !found.r.public ? pendingPath : '/dashboard';
  pendingPath = null;
  navigate(to, { replace: true });
}

/**
 * Ends the session in this tab. WHY: 'logout' (the button), 'idle' (idle
 * lock), 'expired' (the server said 401), 'remote' (another tab signed out).
 * The screen is cleared first, before any request, so nothing stays visible.
 */
async function signOut(why) {
  const wasSignedIn = Boolean(state.user);
  hideIdleWarning();
  idle?.close();
  idle = null;
  state.user = null;
  flash = null;
  main.replaceChildren();
  clearReference();
  renderHeader();
  if (why === 'logout' || why === 'idle') {
    try { await api.logout(); } catch { /* the server expires it anyway */ }
  }
  setCsrfToken(null);
  if (wasSignedIn && why !== 'remote') {
    const bc = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lantern') : null;
    bc?.postMessage({ type: 'signout' });
    bc?.close();
  }
  notice = {
    logout: () => t('login.signedOut'),
    idle: () => tn('login.idleOut', Math.round(state.idleSeconds / 60)),
    expired: () => t('login.sessionEnded'),
    remote: () => t('login.signedOut'),
  }[why]?.() ?? null;
  navigate('/login', { replace: why !== 'logout' });
}

onUnauthorized(() => {
  if (state.user) signOut('expired');
  else navigate('/login', { replace: true });
});

// ---- idle warning dialog ------------------------------------------------

let dialog = null;
let dialogReturnFocus = null;

function showIdleWarning(msLeft) {
  const seconds = Math.max(1, Math.ceil(msLeft / 1000));
  if (!dialog) {
    dialogReturnFocus = document.activeElement;
    const text = h('p', { id: 'idle-text' });
    dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'idle-title', 'aria-describedby': 'idle-text' },
      h('h2', { id: 'idle-title', text: t('idle.title') }),
      text,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', text: t('idle.stay'), onclick: () => keepAlive() })));
    dialog.text = text;
    dialog.addEventListener('cancel', (e) => e.preventDefault());
    document.body.append(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }
  dialog.text.textContent = tn('idle.body', seconds);
}

function hideIdleWarning() {
  if (!dialog) return;
  if (typeof dialog.close === 'function') dialog.close();
  dialog.remove();
  dialog = null;
  if (dialogReturnFocus?.isConnected) dialogReturnFocus.focus();
  dialogReturnFocus = null;
}

// ---- header -------------------------------------------------------------

function languageSwitcher() {
  const select = h('select', { id: 'language', name: 'language' },
    i18n.LANGUAGES.map((l) => h('option', {
      value: l.code, lang: l.code, selected: l.code === i18n.language(), text: l.label,
    })));
  select.addEventListener('change', async () => {
    await i18n.setLanguage(select.value);
    translateStatic();
    await route();
    byId('language').focus();
  });
  return h('div', { class: 'language' },
    h('label', { for: 'language', class: 'language__label', text: t('lang.label') }),
    select);
}

function renderHeader(currentPath) {
  const brand = h('a', { class: 'brand', href: state.user ? '#/dashboard' : '#/login' },
    h('img', { src: 'favicon.svg', alt: '', width: 28, height: 28 }),
    h('span', { text: APP_NAME }));
  const tools = h('div', { class: 'header-tools' }, languageSwitcher());
  if (state.user) {
    tools.append(h('button', {
      type: 'button', class: 'button button--quiet', id: 'logout', text: t('nav.logout'),
      onclick: () => signOut('logout'),
    }));
  }
  const bar = h('div', { class: 'header-bar' }, brand, tools);
  if (!state.user) {
    replace(header, bar);
    return;
  }
  const section = findRoute(currentPath ?? '')?.r.section;
  const links = ROUTES.filter((r) => r.nav && (!r.act || can(state.user.role, r.act))).map((r) =>
    h('li', null, h('a', {
      href: `#${r.path}`,
      'aria-current': r.path === currentPath ? 'page' : r.path === section ? 'true' : null,
      text: t(r.nav),
    })));
  const who = h('p', { class: 'who' },
    h('span', { class: 'visually-hidden', text: `${t('header.signedInAs')} ` }),
    h('span', { class: 'who__name', text: state.user.username }),
    h('span', { class: 'who__role', text: roleLabel(state.user.role) }));
  replace(header, bar,
    h('div', { class: 'header-nav' },
      h('nav', { 'aria-label': t('nav.label') }, h('ul', null, links)),
      who));
}

function translateStatic() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

// ---- routing ------------------------------------------------------------

/** The route part of the hash, with its query: '/cases?status=referred'. */
function currentPath() {
  const hash = location.hash;
  return hash.startsWith('#/') ? hash.slice(1) : '/dashboard';
}

function navigate(path, { replace: rep = false } = {}) {
  if (rep) {
    history.replaceState(null, '', `#${path}`);
    route();
  } else if (location.hash === `#${path}`) {
    route();
  } else {
    location.hash = `#${path}`; // hashchange calls route()
  }
}

async function route() {
  const full = currentPath();
  const [path, queryString = ''] = full.split('?');
  const found = findRoute(path);
  const r = found?.r ?? { view: notFoundView };
  if (!r.public && !state.user) {
    pendingPath = full;
    navigate('/login', { replace: true });
    return;
  }
  if (r.public && state.user) {
    navigate('/dashboard', { replace: true });
    return;
  }
  const id = ++renderCount;
  renderHeader(path);
  main.replaceChildren();
  const view = !r.act || can(state.user?.role, r.act) ? r.view : forbiddenView;
  document.title = `${t(view.title)} · ${APP_NAME}`;
  const pageFlash = flash;
  flash = null;
  view.render(main, {
    state,
    notice,
    flash: pageFlash,
    setFlash: (text) => { flash = text; },
    params: found?.params ?? [],
    query: new URLSearchParams(queryString),
    navigate,
    can: (act) => can(state.user?.role, act),
    signedIn,
    refreshSession,
    describeError,
    roleLabel,
    organisationLabel,
    announce,
    isCurrent: () => id === renderCount,
  });
  if (path !== '/login') notice = null;
  if (!firstRender) main.querySelector('h1')?.focus();
  firstRender = false;
}

// A page the user's role does not give access to (the server would say 403).
const forbiddenView = {
  title: 'forbidden.title',
  render(main) {
    main.append(
      h('h1', { id: 'page-title', tabindex: '-1', text: t('forbidden.title') }),
      h('p', { text: t('forbidden.text') }),
      h('p', null, h('a', { href: '#/dashboard', text: t('notfound.back') })));
  },
};

// ---- boot ---------------------------------------------------------------

async function boot() {
  await i18n.setLanguage(i18n.preferredLanguage(), { remember: false });
  translateStatic();
  byId('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    (main.querySelector('h1') ?? main).focus();
  });
  try {
    adoptSession(await api.me({ handle401: false }));
  } catch (err) {
    if (err.status !== 401) notice = { text: describeError(err), error: true };
  }
  window.addEventListener('hashchange', route);
  // A page restored from the back-forward cache may show a stale screen.
  window.addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
  await route();
  document.documentElement.classList.remove('booting');
}

boot().catch((err) => {
  main.replaceChildren(h('p', { class: 'error-text', role: 'alert', text: 'Lantern could not start. Reload the page.' }));
  console.error(err);
});
