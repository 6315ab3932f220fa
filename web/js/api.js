// The JSON API under api/v1. Every request carries the session cookie
// (same-origin only); state-changing ones also carry X-CSRF-Token. Errors
// arrive as RFC 9457 problem JSON and are thrown as ApiError. A 401 on any
// call but login and the first /me hands control to onUnauthorized.

const BASE = 'api/v1';
const SAFE = new Set(['GET', 'HEAD']);
let csrfToken = null;
let unauthorizedHandler = () => {};
let lastContact = 0;

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || (status ? `HTTP ${status}` : 'network error'));
    this.status = status;                 // 0 when the server could not be reached
    this.problem = problem || {};
    this.retryAfter = retryAfter;         // seconds, or null
  }
  /** The field errors: [{field, reason, code?}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

/** Milliseconds since the epoch of the last answer from the server. */
export function lastServerContact() {
  return lastContact;
}

function parseRetryAfter(value) {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.round((when - Date.now()) / 1000));
}

/**
 * request('POST', '/login', body, {handle401: false}) -> parsed JSON or null.
 * BODY is sent as JSON, or as it is when CONTENT_TYPE is given.
 */
export async function request(method, path, body, { handle401 = true, contentType } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch {
    throw new ApiError(0, null, null);
  }
  lastContact = Date.now();
  let data = null;
  if (res.status !== 204 && /json/.test(res.headers.get('Content-Type') || '')) {
    data = await res.json().catch(() => null);
  }
  if (res.ok) return data;
  const err = new ApiError(res.status, data, parseRetryAfter(res.headers.get('Retry-After')));
  if (res.status === 401 && handle401) unauthorizedHandler(err);
  throw err;
}

export const api = {
  health: () => request('GET', '/health'),
  login: (username, password) => request('POST', '/login', { username, password }, { handle401: false }),
  me: (opts) => request('GET', '/me', undefined, opts),
  logout: () => request('POST', '/logout', undefined, { handle401: false }),
  changePassword: (current, next) =>
    request('POST', '/me/password', { current_password: current, new_password: next }),
  dashboard: () => request('GET', '/dashboard'),
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  patch: (path, body) => request('PATCH', path, body ?? {}),
  put: (path, body) => request('PUT', path, body ?? {}),
  /** Sends TEXT as it is, with CONTENT_TYPE (e.g. a CSV file). */
  send: (method, path, text, contentType) => request(method, path, text, { contentType }),
};

/** A query string from PARAMS, leaving out empty values: {a: 1, b: ''} -> '?a=1'. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
