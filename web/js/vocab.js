// Reference data from the server, fetched once per session and kept in
// memory only: the vocabularies (sex, referral source, exploitation form,
// service type, country, language), the jurisdiction profile and the list
// of organisations. clearReference() forgets it all on sign-out.
import { api } from './api.js';
import { language } from './i18n.js';

let cache = {};

function once(key, load) {
  if (!cache[key]) {
    cache[key] = load().catch((err) => {
      delete cache[key];
      throw err;
    });
  }
  return cache[key];
}

export const vocabularies = () => once('vocab', () => api.get('/vocabularies'));
export const jurisdiction = () => once('jurisdiction', () => api.get('/jurisdiction'));
export const screeningProfiles = () => once('screening', () => api.get('/screening/profiles'));
export const organisations = () => once('orgs', () => api.get('/organisations').then((r) => r.items ?? []));

/** Loads the three together: {vocab, jurisdiction, orgs}. */
export async function reference() {
  const [vocab, jur, orgs] = await Promise.all([vocabularies(), jurisdiction(), organisations()]);
  return { vocab, jurisdiction: jur, orgs };
}

export function clearReference() {
  cache = {};
}

/** The label of CODE in vocabulary KIND in the user's language (the code itself if unknown). */
export function label(vocab, kind, code) {
  if (code === null || code === undefined || code === '') return '';
  const item = vocab?.[kind]?.find((x) => x.code === code);
  if (!item) return String(code);
  return item[language()] ?? item.en ?? String(code);
}

/** The items of KIND as [{code, label}], sorted by label when SORT, with
 *  the codes in FIRST (e.g. the jurisdiction's own country) on top. */
export function options(vocab, kind, { sort = false, first = [] } = {}) {
  const lang = language();
  let items = (vocab?.[kind] ?? []).map((x) => ({ code: x.code, label: x[lang] ?? x.en ?? x.code }));
  if (sort) {
    const coll = new Intl.Collator(lang);
    items.sort((a, b) => coll.compare(a.label, b.label));
  }
  if (first.length) {
    const top = first.map((c) => items.find((x) => x.code === c)).filter(Boolean);
    items = [...top, ...items.filter((x) => !first.includes(x.code))];
  }
  return items;
}

/** Organisation name by id, from the list. */
export function orgName(orgs, id) {
  return orgs?.find((o) => o.id === Number(id))?.name ?? (id ? `#${id}` : '');
}
