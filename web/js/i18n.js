// Catalogs, the current language and message lookup. English and Serbian
// Latin are catalogs under i18n/; Serbian Cyrillic is made from the Latin
// catalog by transliteration, so the two Serbian scripts never drift apart.
import { transliterateCatalog } from './translit.js';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'sr-Latn', label: 'Srpski (latinica)' },
  { code: 'sr-Cyrl', label: 'Српски (ћирилица)' },
];
const STORAGE_KEY = 'lantern.lang';
const cache = new Map();
let current = 'en';
let messages = {};
let english = {};
let plurals = new Intl.PluralRules('en');

async function fetchCatalog(name) {
  if (!cache.has(name)) {
    const res = await fetch(`i18n/${name}.json`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`catalog ${name}: HTTP ${res.status}`);
    cache.set(name, await res.json());
  }
  return cache.get(name);
}

async function loadCatalog(code) {
  if (code === 'sr-Cyrl') {
    if (!cache.has('sr-Cyrl')) cache.set('sr-Cyrl', transliterateCatalog(await fetchCatalog('sr-Latn')));
    return cache.get('sr-Cyrl');
  }
  return fetchCatalog(code);
}

function isKnown(code) {
  return LANGUAGES.some((l) => l.code === code);
}

/** The language to start with: the remembered one, else the browser's. */
export function preferredLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isKnown(saved)) return saved;
  } catch { /* storage may be disabled */ }
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const t = String(tag).toLowerCase();
    if (t.startsWith('sr-latn')) return 'sr-Latn';
    if (t === 'sr' || t.startsWith('sr-')) return 'sr-Cyrl';
    if (t.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Loads CODE's catalog, makes it current, sets <html lang> and remembers it. */
export async function setLanguage(code, { remember = true } = {}) {
  if (!isKnown(code)) code = 'en';
  english = await fetchCatalog('en');
  messages = await loadCatalog(code);
  current = code;
  plurals = new Intl.PluralRules(code);
  document.documentElement.lang = code;
  if (remember) {
    try { localStorage.setItem(STORAGE_KEY, code); } catch { /* not fatal */ }
  }
}

export function language() {
  return current;
}

/** Whether KEY has a message (in the current language or English). */
export function has(key) {
  return key in messages || key in english;
}

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** The message for KEY with {placeholders} filled from PARAMS. Missing
 *  messages fall back to English, then to the key itself. */
export function t(key, params = {}) {
  const text = messages[key] ?? english[key] ?? key;
  return fill(text, params);
}

/** A message that depends on a count: KEY.one / KEY.few / KEY.other, chosen
 *  by the language's plural rules; {n} is the formatted count. A language
 *  lists only the forms it needs; .other is the fallback. */
export function tn(key, n, params = {}) {
  const rule = plurals.select(n);
  const source = `${key}.other` in messages ? messages : english;
  const k = `${key}.${rule}` in source ? `${key}.${rule}` : `${key}.other`;
  return fill(source[k] ?? k, { ...params, n: formatNumber(n) });
}

export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(n);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A calendar date 'YYYY-MM-DD' in the user's language ('' for none). */
export function formatDate(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso ?? '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(current, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment (ISO 8601 with time) as date and time in the user's language. */
export function formatDateTime(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso ?? '';
  return new Intl.DateTimeFormat(current, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(when);
}

/** Today's date as 'YYYY-MM-DD' in local time. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A day without its year ('Mon 16 Nov'), for tables whose period is given above. */
export function formatDay(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso ?? '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(current, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}
