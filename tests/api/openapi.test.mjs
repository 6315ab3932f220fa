// Keeps docs/openapi.yaml honest: it must be valid OpenAPI 3.1, name exactly
// the routes the server has (`lantern routes`), and describe what a real
// server answers: response bodies, problem bodies, headers, request fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import YAML from 'yaml';
import { cliOk, startLantern, ADMIN_PASSWORD } from '../support/lantern.mjs';

const DOC_PATH = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));
const DOC_ID = 'urn:lantern:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const doc = YAML.parse(readFileSync(DOC_PATH, 'utf8'));
const exercised = new Set(); // "METHOD /path/{template}" checked against a real response

// ajv comes with the validator package; resolve it from there so a change in
// npm's hoisting cannot break the import.
const requireFromValidator = createRequire(import.meta.resolve('@seriousme/openapi-schema-validator'));
const Ajv2020 = requireFromValidator('ajv/dist/2020').default;
const addFormats = requireFromValidator('ajv-formats').default;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(doc, DOC_ID);

/* ---------- helpers over the document ---------- */

const esc = (part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'));
const pointer = (...parts) => '/' + parts.map(esc).join('/');

/** Follows a local $ref ('#/components/...') and returns [object, its pointer]. */
function deref(obj, ptr) {
  while (obj && typeof obj.$ref === 'string') {
    assert.ok(obj.$ref.startsWith('#/'), `only local $refs are supported: ${obj.$ref}`);
    ptr = obj.$ref.slice(1);
    obj = ptr.slice(1).split('/').map((p) => decodeURIComponent(p).replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((o, k) => (o === undefined ? undefined : o[k]), doc);
    assert.ok(obj !== undefined, `dangling $ref ${ptr}`);
  }
  return [obj, ptr];
}

/** Every documented operation as "METHOD /path". */
function documentedRoutes() {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const m of METHODS) if (item[m]) out.push(`${m.toUpperCase()} ${path}`);
  return out;
}

/** The documented operation for a concrete request path, or null. */
function findOperation(method, url) {
  const path = url.split('?')[0];
  for (const [tpl, item] of Object.entries(doc.paths)) {
    const re = new RegExp('^' + tpl.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+') + '$');
    const op = item[method.toLowerCase()];
    if (re.test(path) && op) return { tpl, op, ptr: pointer('paths', tpl, method.toLowerCase()) };
  }
  return null;
}

/** Checks a real response against a documented response object at PTR. */
function checkResponse(res, responseObj, ptr, what) {
  const [resp, rptr] = deref(responseObj, ptr);
  for (const name of Object.keys(resp.headers ?? {}))
    assert.ok(res.headers.get(name) !== null, `${what}: documented header ${name} is missing`);
  if (!resp.content) {
    assert.equal(res.text, '', `${what}: documented without a body, but the server sent one`);
    return;
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  assert.ok(type in resp.content,
            `${what}: Content-Type ${type || '(none)'} is not documented (${Object.keys(resp.content).join(', ')})`);
  if (type === 'text/html') { // the statistics report: a document, not JSON
    assert.ok(res.text.startsWith('<!DOCTYPE html>'), `${what}: not an HTML document`);
    return;
  }
  if (type === 'text/csv') { // open data: a header row, then records
    assert.match(res.text, /^[A-Za-z_]+(,[A-Za-z_]+)+\r?\n/, `${what}: no CSV header row`);
    return;
  }
  assert.notEqual(res.json, null, `${what}: the body is not JSON: ${res.text}`);
  const validate = ajv.getSchema(`${DOC_ID}#${rptr}${pointer('content', type, 'schema')}`);
  assert.ok(validate, `${what}: no schema for ${type}`);
  if (!validate(res.json)) {
    const why = validate.errors.map((e) => `  ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
    assert.fail(`${what}: the body does not match the document:\n${why.join('\n')}\nbody: ${res.text}`);
  }
}

/** Checks that STATUS is documented for METHOD URL and the response matches it. */
function checkAgainstDoc(method, url, res) {
  const what = `${method} ${url} -> ${res.status}`;
  const found = findOperation(method, url);
  assert.ok(found, `${method} ${url} is not a documented operation`);
  exercised.add(`${method} ${found.tpl}`);
  const responseObj = found.op.responses?.[String(res.status)];
  assert.ok(responseObj, `${what}: status ${res.status} is not documented for ${method} ${found.tpl}`);
  checkResponse(res, responseObj, `${found.ptr}${pointer('responses', String(res.status))}`, what);
}

/** A value that has the type a schema asks for (the first enum value, an example, ...). */
function sample(schema) {
  [schema] = deref(schema, '');
  if (schema.examples?.length) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const type = [].concat(schema.type ?? 'string').find((t) => t !== 'null');
  switch (type) {
    case 'integer': case 'number': return Math.max(schema.minimum ?? 1, 1);
    case 'boolean': return true;
    case 'array': return [];
    case 'object': return {};
    default: return 'x'.repeat(Math.max(schema.minLength ?? 1, 3));
  }
}

/* ---------- a tiny client that takes its names from the document ---------- */

const COOKIE = doc.components.securitySchemes.sessionCookie.name;
const CSRF_HEADER = doc.components.securitySchemes.csrfToken.name;

class Caller {
  constructor(base) { this.base = base; this.cookie = null; this.csrf = null; this.bearer = null; }
  async request(method, url, { body, raw, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = `${COOKIE}=${this.cookie}`;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (csrf && this.csrf && method !== 'GET') h[CSRF_HEADER] = this.csrf;
    let payload = raw;
    if (raw === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + url, { method, headers: h, body: payload });
    const m = (res.headers.get('set-cookie') ?? '').match(new RegExp(`(?:^|[;,]\\s*)${COOKIE}=([^;]*)`));
    if (m) this.cookie = m[1] || null;
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, headers: res.headers, text, json };
  }
  async login(username, password) {
    const r = await this.request('POST', '/api/v1/login', { body: { username, password } });
    assert.equal(r.status, 200, `login ${username}: ${r.text}`);
    this.csrf = r.json.csrf_token;
    return r;
  }
}

/* ---------- (a) the document is valid OpenAPI 3.1 ---------- */

test('docs/openapi.yaml is valid OpenAPI 3.1', async () => {
  const validator = new Validator();
  const res = await validator.validate(DOC_PATH);
  assert.equal(validator.version, '3.1', `the document declares OpenAPI ${validator.version}, not 3.1`);
  assert.ok(res.valid, 'OpenAPI validation failed:\n' + JSON.stringify(res.errors, null, 2));
});

test('every $ref in the document resolves and every response schema compiles', () => {
  const walk = (node, ptr) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') deref(node, ptr);
    for (const [k, v] of Object.entries(node)) walk(v, `${ptr}/${k}`);
  };
  walk(doc, '');
  for (const route of documentedRoutes()) {
    const [method, path] = route.split(' ');
    const opPtr = pointer('paths', path, method.toLowerCase());
    for (const [status, r] of Object.entries(doc.paths[path][method.toLowerCase()].responses)) {
      const [resp, rptr] = deref(r, `${opPtr}/responses/${status}`);
      for (const type of Object.keys(resp.content ?? {}))
        assert.ok(ajv.getSchema(`${DOC_ID}#${rptr}${pointer('content', type, 'schema')}`),
                  `${route} ${status} ${type}: the schema does not compile`);
    }
  }
});

/* ---------- (b) the document names exactly the server's routes ---------- */

test('the document and `lantern routes` name the same routes', () => {
  const real = cliOk(['routes']).trim().split('\n').map((l) => JSON.parse(l));
  const realSet = new Set(real.map((r) => `${r.method} ${r.path}`));
  const docSet = new Set(documentedRoutes());
  const missing = [...realSet].filter((r) => !docSet.has(r));
  const extra = [...docSet].filter((r) => !realSet.has(r));
  const report = [];
  if (missing.length) report.push(`routes the server has but docs/openapi.yaml lacks:\n  ${missing.join('\n  ')}`);
  if (extra.length) report.push(`routes docs/openapi.yaml names that the server lacks:\n  ${extra.join('\n  ')}`);
  assert.ok(report.length === 0, report.join('\n'));

  // Public routes need no credentials; the others name the cookie (with the
  // CSRF header on writes) and the bearer token.
  for (const r of real) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    const where = `${r.method} ${r.path}`;
    if (r.public) {
      assert.deepEqual(op.security, [], `${where} is public: its security must be []`);
      continue;
    }
    const sec = op.security ?? doc.security ?? [];
    assert.ok(sec.some((alt) => 'bearerToken' in alt), `${where}: bearerToken is not documented`);
    const cookieAlt = sec.find((alt) => 'sessionCookie' in alt);
    assert.ok(cookieAlt, `${where}: sessionCookie is not documented`);
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(r.method);
    assert.equal('csrfToken' in cookieAlt, write,
                 `${where}: the cookie alternative must ${write ? '' : 'not '}require csrfToken`);
    assert.ok(op.responses['401'], `${where}: 401 is not documented`);
  }
});

/* ---------- (c) real responses match the document ---------- */

const ORG = 'Demo Center for Victim Protection (synthetic)';
const OTHER_ORG = 'Demo NGO Safe Path (synthetic)';
const demoPassword = (u) => `${u}-synthetic-demo`;
let srv;
const who = {};
let auditorToken;

before(async () => {
  srv = await startLantern({ demo: true });
  for (const [key, user, pw] of [
    ['admin', 'admin', ADMIN_PASSWORD],
    ['caseworker', 'demo-caseworker', demoPassword('demo-caseworker')],
    ['ngo', 'demo-ngo', demoPassword('demo-ngo')],
    ['coordinator', 'demo-coordinator', demoPassword('demo-coordinator')],
    ['auditor', 'demo-auditor', demoPassword('demo-auditor')],
    ['analyst', 'demo-analyst', demoPassword('demo-analyst')],
  ]) {
    who[key] = new Caller(srv.url);
    who[key].loginResponse = await who[key].login(user, pw);
  }
  auditorToken = srv.cli(['token', 'create', '--user', 'demo-auditor']).stdout.trim();
  assert.match(auditorToken, /^ltk_[A-Za-z0-9_-]{43}$/);
  who.bearer = new Caller(srv.url);
  who.bearer.bearer = auditorToken;
  who.anon = new Caller(srv.url);
});
after(async () => { await srv?.stop(); });

/** Sends a request as ACTOR, checks the status and the document. */
async function call(actor, method, url, opts = {}, expect) {
  const res = await who[actor].request(method, url, opts);
  if (expect !== undefined) assert.equal(res.status, expect, `${method} ${url} as ${actor}: ${res.text}`);
  checkAgainstDoc(method, url, res);
  return res;
}

test('the login response matches the document, cookie included', async () => {
  const res = who.caseworker.loginResponse;
  checkAgainstDoc('POST', '/api/v1/login', res);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, new RegExp(`^${COOKIE}=lts_[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict`));
});

test('session, account and system routes answer as documented', async () => {
  await call('anon', 'GET', '/api/v1/health', {}, 200);
  const me = await call('caseworker', 'GET', '/api/v1/me', {}, 200);
  assert.equal(me.json.csrf_token, who.caseworker.csrf, 'GET /me returns the session CSRF token');
  const meBearer = await call('bearer', 'GET', '/api/v1/me', {}, 200);
  assert.equal(meBearer.json.csrf_token, undefined, 'no CSRF token for a bearer caller');
  await call('anon', 'GET', '/api/v1/me', {}, 401);
  await call('caseworker', 'GET', '/api/v1/dashboard', {}, 200);
  await call('anon', 'POST', '/api/v1/login', { body: { username: 'demo-ngo', password: 'wrong-password' } }, 401);
  const bad = await call('anon', 'POST', '/api/v1/login', { raw: '{"username": "x",', headers: { 'content-type': 'application/json' } }, 400);
  assert.equal(typeof bad.json.offset, 'number', 'malformed JSON reports its offset');
  await call('anon', 'POST', '/api/v1/login', { raw: '{"username": 1}', headers: { 'content-type': 'text/plain' } }, 400);
  await call('anon', 'POST', '/api/v1/login', { raw: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'application/json' } }, 413);
});

test('CSRF, roles and scope answer as documented', async () => {
  const body = { sex: 'unknown' };
  const noCsrf = await call('caseworker', 'POST', '/api/v1/persons', { body, csrf: false }, 403);
  assert.match(noCsrf.json.detail, new RegExp(CSRF_HEADER, 'i'));
  await call('admin', 'POST', '/api/v1/persons', { body }, 403);
  await call('bearer', 'GET', '/api/v1/users', {}, 403);
  await call('caseworker', 'GET', '/api/v1/audit', {}, 403);
  // A person of the Center is invisible to the NGO's case worker: 404, not 403.
  const created = await call('caseworker', 'POST', '/api/v1/persons',
                             { body: { given_name: 'Dokumenta', family_name: 'Provérović', sex: 'female', birth_year: 2001 } }, 201);
  const id = created.json.id;
  await call('caseworker', 'GET', `/api/v1/persons/${id}`, {}, 200);
  await call('coordinator', 'GET', `/api/v1/persons/${id}`, {}, 200);
  await call('ngo', 'GET', `/api/v1/persons/${id}`, {}, 404);
  await call('caseworker', 'GET', '/api/v1/persons/not-a-number', {}, 404);
  const found = await call('caseworker', 'GET', `/api/v1/persons?name=${encodeURIComponent('DOKUMENTA  provérović')}`, {}, 200);
  assert.deepEqual(found.json.items.map((p) => p.id), [id]);
  const none = await call('ngo', 'GET', `/api/v1/persons?name=${encodeURIComponent('Dokumenta Provérović')}`, {}, 200);
  assert.deepEqual(none.json.items, []);
  await call('caseworker', 'GET', '/api/v1/persons', {}, 400);
  const invalid = await call('caseworker', 'POST', '/api/v1/persons', { body: { sex: 'x', birth_year: 1800 } }, 400);
  assert.deepEqual(invalid.json.errors.map((e) => e.field).sort(), ['birth_year', 'sex']);
});

test('administration routes answer as documented', async () => {
  await call('admin', 'GET', '/api/v1/users', {}, 200);
  await call('admin', 'GET', '/api/v1/organisations', {}, 200);
  await call('caseworker', 'GET', '/api/v1/organisations', {}, 200);
  await call('admin', 'POST', '/api/v1/organisations', { body: { name: 'Docs Shelter (synthetic)', kind: 'shelter' } }, 201);
  const generated = await call('admin', 'POST', '/api/v1/users',
                               { body: { username: 'docs-one', role: 'analyst', organisation: OTHER_ORG } }, 201);
  assert.equal(typeof generated.json.password, 'string', 'a generated password is returned once');
  const given = await call('admin', 'POST', '/api/v1/users',
                           { body: { username: 'docs-two', role: 'caseworker', organisation: ORG, password: 'docs-two-password' } }, 201);
  assert.equal(given.json.password, undefined, 'a given password is never echoed');
  await call('admin', 'POST', '/api/v1/users', { body: { username: 'docs-two', role: 'caseworker', organisation: ORG } }, 400);
  await call('admin', 'POST', '/api/v1/users/docs-one/disable', {}, 200);
  await call('admin', 'POST', '/api/v1/users/docs-one/enable', {}, 200);
  await call('admin', 'POST', '/api/v1/users/admin/disable', {}, 400);
  await call('admin', 'POST', '/api/v1/users/nobody-at-all/disable', {}, 404);
  await call('caseworker', 'POST', '/api/v1/users/docs-one/disable', {}, 403);
});

test('the audit log answers as documented, by session and by bearer token', async () => {
  const page = await call('auditor', 'GET', '/api/v1/audit?limit=2', {}, 200);
  assert.equal(page.json.items.length, 2);
  assert.equal(typeof page.json.next_after_id, 'number');
  await call('bearer', 'GET', `/api/v1/audit?after_id=${page.json.next_after_id}&action=login&limit=500`, {}, 200);
  const bad = await call('auditor', 'GET', '/api/v1/audit?limit=0&since=yesterday', {}, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['query.limit', 'query.since']);
});

test('password change and logout answer as documented', async () => {
  const c = new Caller(srv.url);
  who.changer = c;
  await c.login('docs-two', 'docs-two-password');
  await call('changer', 'POST', '/api/v1/me/password', { body: { current_password: 'wrong-password', new_password: 'docs-two-password-2' } }, 400);
  await call('changer', 'POST', '/api/v1/me/password', { body: { current_password: 'docs-two-password', new_password: 'docs-two-password-2' } }, 204);
  const out = await call('changer', 'POST', '/api/v1/logout', {}, 204);
  assert.match(out.headers.get('set-cookie'), new RegExp(`^${COOKIE}=;.*Max-Age=0`));
  await call('changer', 'GET', '/api/v1/me', {}, 401);
});

test('lockout answers 429 as documented', async () => {
  const c = new Caller(srv.url);
  who.locker = c;
  const body = { username: 'docs-one', password: 'not-the-password' };
  for (let i = 0; i < 5; i++) await call('locker', 'POST', '/api/v1/login', { body }, 401);
  const res = await call('locker', 'POST', '/api/v1/login', { body }, 429);
  assert.equal(String(res.json.retry_after), res.headers.get('retry-after'));
});

test('unknown routes and wrong methods answer the documented problems', async () => {
  const unknown = await who.caseworker.request('GET', '/api/v1/no-such-route');
  assert.equal(unknown.status, 404);
  checkResponse(unknown, doc.components.responses.NotFound, '/components/responses/NotFound', 'unknown route');
  const wrong = await who.caseworker.request('DELETE', '/api/v1/users');
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get('allow'), 'GET, HEAD, POST');
  checkResponse(wrong, doc.components.responses.MethodNotAllowed, '/components/responses/MethodNotAllowed', 'wrong method');
});

/* ---------- (c, continued) cases, assistance, shelters, groups, screening ---------- */

// Dates relative to today (UTC), so that "not in the future" always holds.
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
// Ids of the records made below, for the request-field checks further down.
const fx = {};
const orgId = async (name) => {
  const r = await call('coordinator', 'GET', '/api/v1/organisations', {}, 200);
  const org = r.json.items.find((o) => o.name === name);
  assert.ok(org, `organisation ${name} exists`);
  return org.id;
};

test('case routes answer as documented', async () => {
  const caseDoc = {
    ref: `DOCS-${Date.now()}`,
    person: { given_name: 'Dokumenta', family_name: 'Slučajić', sex: 'female', birth_year: 1995,
              age_uncertain: false, citizenship: ['RS'] },
    referral: { date: day(-60), source: 'police', organisation: 'Docs police unit', consent: true },
    exploitation: ['sexual'],
    countries_of_exploitation: ['RS'],
  };
  const created = await call('caseworker', 'POST', '/api/v1/cases', { body: caseDoc }, 201);
  fx.caseId = created.json.id;
  fx.caseNumber = created.json.case_number;
  assert.equal(created.json.status, 'referred');
  assert.equal(created.json.referral.consent_date, caseDoc.referral.date, 'consent_date defaults to the referral date');
  await call('caseworker', 'POST', '/api/v1/cases', { body: caseDoc }, 400); // the same ref again
  const bad = await call('caseworker', 'POST', '/api/v1/cases',
                         { body: { person: { sex: 'x', birth_year: 1990 }, referral: { date: 'soon', source: 'police' } } }, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['person.sex', 'referral.date']);
  await call('admin', 'POST', '/api/v1/cases', { body: caseDoc }, 403);

  const got = await call('caseworker', 'GET', `/api/v1/cases/${fx.caseId}`, {}, 200);
  assert.deepEqual(got.json.next_actions, ['reasonable_grounds', 'identify', 'close']);
  await call('coordinator', 'GET', `/api/v1/cases/${fx.caseId}`, {}, 200);
  await call('ngo', 'GET', `/api/v1/cases/${fx.caseId}`, {}, 404);
  await call('admin', 'GET', `/api/v1/cases/${fx.caseId}`, {}, 403);
  await call('caseworker', 'GET', '/api/v1/cases/not-a-number', {}, 404);
  await call('caseworker', 'GET', `/api/v1/cases/${fx.caseId}?full=1`, {}, 400);
  const identity = await call('caseworker', 'GET', `/api/v1/cases/${fx.caseId}/identity`, {}, 200);
  assert.equal(identity.json.given_name, 'Dokumenta');
  await call('ngo', 'GET', `/api/v1/cases/${fx.caseId}/identity`, {}, 404);

  // A move the state machine refuses is a 409 with a sentence.
  const refused = await call('caseworker', 'POST', `/api/v1/cases/${fx.caseId}/transitions`,
                             { body: { action: 'review', outcome: 'upheld', date: day(-59), reasons: 'Checking.' } }, 409);
  assert.match(refused.json.detail, /review/i);
  await call('caseworker', 'POST', `/api/v1/cases/${fx.caseId}/transitions`,
             { body: { action: 'reasonable_grounds', date: day(-59), reasons: ' ' } }, 400);
  const moved = await call('caseworker', 'POST', `/api/v1/cases/${fx.caseId}/transitions`,
                           { body: { action: 'reasonable_grounds', outcome: 'positive', date: day(-59),
                                     reasons: 'Synthetic reasons for the documentation test.' } }, 200);
  assert.equal(moved.json.status, 'under_assessment');
  await call('caseworker', 'POST', `/api/v1/cases/${fx.caseId}/cooperation`,
             { body: { status: 'cooperating', date: day(-58), note: 'Synthetic note.' } }, 200);
  await call('caseworker', 'POST', `/api/v1/cases/${fx.caseId}/consent`, { body: { consent: true, date: day(-58) } }, 200);
  await call('ngo', 'POST', `/api/v1/cases/${fx.caseId}/consent`, { body: { consent: true, date: day(-58) } }, 404);

  const page = await call('coordinator', 'GET', '/api/v1/cases?status=under_assessment&sort=referral_date&order=desc&per_page=5', {}, 200);
  assert.ok(page.json.items.length <= 5);
  const mine = await call('caseworker', 'GET', `/api/v1/cases?number=${created.json.case_number}`, {}, 200);
  assert.deepEqual(mine.json.items.map((c) => c.id), [fx.caseId]);
  const badList = await call('caseworker', 'GET', '/api/v1/cases?status=open&per_page=0', {}, 400);
  assert.deepEqual(badList.json.errors.map((e) => e.field).sort(), ['query.per_page', 'query.status']);
  await call('auditor', 'GET', '/api/v1/cases', {}, 403);

  await call('auditor', 'GET', '/api/v1/vocabularies', {}, 200);
  await call('bearer', 'GET', '/api/v1/jurisdiction', {}, 200);
  const dash = await call('auditor', 'GET', '/api/v1/dashboard', {}, 200);
  assert.equal(dash.json.cases, null, 'no case counts for a role that may not read cases');
});

test('assistance and referral routes answer as documented', async () => {
  const base = `/api/v1/cases/${fx.caseId}`;
  const granted = await call('caseworker', 'POST', `${base}/reflection`,
                             { body: { status: 'granted', start_date: day(-57), note: 'Synthetic.' } }, 201);
  fx.periodId = granted.json.reflection_periods.at(-1).id;
  await call('caseworker', 'POST', `${base}/reflection`, { body: { status: 'refused', date: day(-56), grounds: 'other' } }, 409);
  const early = await call('caseworker', 'POST', `${base}/reflection/${fx.periodId}/end`,
                           { body: { actual_end_date: day(-50) } }, 400);
  assert.deepEqual(early.json.errors.map((e) => e.field), ['grounds']);
  await call('caseworker', 'POST', `${base}/reflection/${fx.periodId}/end`,
             { body: { actual_end_date: day(-50), grounds: 'victim_request' } }, 200);
  await call('caseworker', 'POST', `${base}/reflection/${fx.periodId}/end`,
             { body: { actual_end_date: day(-49), grounds: 'victim_request' } }, 409);

  const service = await call('caseworker', 'POST', `${base}/services`,
                             { body: { type: 'psychological', status: 'active', start_date: day(-55),
                                       consent: { date: day(-55), language: 'sr' } } }, 201);
  fx.serviceId = service.json.services.at(-1).id;
  await call('caseworker', 'PATCH', `${base}/services/${fx.serviceId}`, { body: { status: 'planned' } }, 409);
  await call('caseworker', 'PATCH', `${base}/services/${fx.serviceId}`, { body: { note: 'Only a note.' } }, 200);
  await call('caseworker', 'PATCH', `${base}/services/${fx.serviceId}`,
             { body: { status: 'completed', end_date: day(-40) } }, 200);

  const ngo = await orgId(OTHER_ORG);
  const sent = await call('caseworker', 'POST', `${base}/referrals`,
                          { body: { to_organisation_id: ngo, purpose: 'psychological', share_identity: true,
                                    date: day(-45), note: 'Synthetic.' } }, 201);
  fx.referralId = sent.json.referrals.at(-1).id;
  await call('caseworker', 'POST', `${base}/referrals`,
             { body: { to_organisation_id: ngo, purpose: 'psychological', date: day(-45) } }, 409);
  const inbox = await call('ngo', 'GET', '/api/v1/referrals?direction=incoming&status=sent', {}, 200);
  assert.ok(inbox.json.items.some((r) => r.id === fx.referralId));
  await call('ngo', 'GET', '/api/v1/referrals?direction=sideways', {}, 400);
  await call('ngo', 'POST', `/api/v1/referrals/${fx.referralId}/revoke`, { body: { date: day(-44) } }, 403);
  await call('caseworker', 'POST', `/api/v1/referrals/${fx.referralId}/complete`, { body: { date: day(-44) } }, 403);
  await call('ngo', 'POST', `/api/v1/referrals/${fx.referralId}/complete`, { body: { date: day(-44) } }, 409);
  await call('ngo', 'POST', `/api/v1/referrals/${fx.referralId}/accept`, { body: { date: day(-44) } }, 200);
  await call('ngo', 'POST', `/api/v1/referrals/${fx.referralId}/complete`, { body: { date: day(-43) } }, 200);
  await call('caseworker', 'POST', `/api/v1/referrals/${fx.referralId}/revoke`, { body: { date: day(-43) } }, 409);
  // A receiver that rejects its only referral of a case no longer sees the
  // case: the answer is the referral alone.
  const other = await call('caseworker', 'POST', '/api/v1/cases',
                           { body: { person: { sex: 'male', birth_year: 1990 }, referral: { date: day(-30), source: 'ngo' } } }, 201);
  const sent2 = await call('caseworker', 'POST', `/api/v1/cases/${other.json.id}/referrals`,
                           { body: { to_organisation_id: ngo, purpose: 'identification', date: day(-29) } }, 201);
  const rejected = await call('ngo', 'POST', `/api/v1/referrals/${sent2.json.referrals[0].id}/reject`,
                              { body: { date: day(-28), note: 'Synthetic.' } }, 200);
  assert.equal(rejected.json.referral.status, 'rejected');
  await call('caseworker', 'POST', `/api/v1/cases/${other.json.id}/referrals`,
             { body: { to_organisation_id: ngo, purpose: 'psychological', date: day(-27) } }, 201);
});

test('shelter, placement and group routes answer as documented', async () => {
  const ngo = await orgId(OTHER_ORG);
  const name = `Docs Shelter ${Date.now()} (synthetic)`;
  const shelter = await call('coordinator', 'POST', '/api/v1/shelters',
                             { body: { organisation_id: ngo, name, capacity_women: 1,
                                       licence_valid_until: day(365), effective_date: day(-100) } }, 201);
  fx.shelterId = shelter.json.id;
  await call('admin', 'POST', '/api/v1/shelters', { body: { organisation_id: ngo, name } }, 400);
  await call('caseworker', 'POST', '/api/v1/shelters', { body: { organisation_id: ngo, name: 'x' } }, 403);
  await call('caseworker', 'GET', '/api/v1/shelters', {}, 200);
  await call('admin', 'PATCH', `/api/v1/shelters/${fx.shelterId}`, { body: { capacity_women: 2, licence_valid_until: null } }, 200);
  await call('admin', 'PATCH', `/api/v1/shelters/${fx.shelterId}`, { body: { licence_valid_until: day(365) } }, 200);
  await call('admin', 'PATCH', '/api/v1/shelters/999999', { body: {} }, 404);
  await call('auditor', 'GET', '/api/v1/shelters', {}, 403);

  const base = `/api/v1/cases/${fx.caseId}/placements`;
  const wrong = await call('caseworker', 'POST', base,
                           { body: { shelter_id: fx.shelterId, place: 'men', start_date: day(-44) } }, 409);
  assert.equal(wrong.json.turn_away_reason, 'wrong_sex');
  assert.equal(wrong.json.turn_away_shelter_id, fx.shelterId);
  const placed = await call('caseworker', 'POST', base,
                            { body: { shelter_id: fx.shelterId, place: 'women', start_date: day(-44) } }, 201);
  fx.placementId = placed.json.placements.at(-1).id;
  await call('caseworker', 'POST', base, { body: { shelter_id: fx.shelterId, place: 'women', start_date: day(-43) } }, 409);
  await call('caseworker', 'POST', `${base}/${fx.placementId}/end`, { body: { end_date: day(-42) } }, 200);
  await call('caseworker', 'POST', `${base}/${fx.placementId}/end`, { body: { end_date: day(-42) } }, 409);
  await call('caseworker', 'POST', base,
             { body: { alternative: 'ngo_accommodation', turn_away_reason: 'full',
                       turn_away_shelter_id: fx.shelterId, place: 'women', start_date: day(-41) } }, 201);
  await call('caseworker', 'POST', base, { body: { place: 'women', start_date: day(-41) } }, 400);

  const board = await call('caseworker', 'GET', `/api/v1/shelters/board?from=${day(-45)}&to=${day(-40)}`, {}, 200);
  assert.equal(board.json.shelters.find((s) => s.id === fx.shelterId).days.length, 6);
  assert.ok(board.json.turn_aways.items.some((t) => t.case_id === fx.caseId));
  await call('admin', 'GET', '/api/v1/shelters/board', {}, 200);
  await call('coordinator', 'GET', `/api/v1/shelters/board?from=${day(-40)}&to=${day(-45)}`, {}, 400);

  const group = await call('caseworker', 'POST', '/api/v1/groups',
                           { body: { name: 'Docs factory site (synthetic)', site: 'Industrial zone', country: 'RS',
                                     employer: 'Docs Works Ltd (synthetic)', sector: 'manufacturing',
                                     recruiters: [{ role: 'agency', name: 'Synthetic Agent', country: 'VN' },
                                                  { role: 'employer' }] } }, 201);
  fx.groupId = group.json.id;
  await call('caseworker', 'POST', '/api/v1/groups', { body: { name: ' ', recruiters: [{ role: 'boss' }] } }, 400);
  await call('caseworker', 'GET', '/api/v1/groups', {}, 200);
  const got = await call('caseworker', 'GET', `/api/v1/groups/${fx.groupId}`, {}, 200);
  assert.equal(got.json.recruiters[0].name, 'Synthetic Agent');
  await call('coordinator', 'GET', `/api/v1/groups/${fx.groupId}`, {}, 200);
  await call('ngo', 'GET', `/api/v1/groups/${fx.groupId}`, {}, 404);
  const members = `/api/v1/groups/${fx.groupId}/members`;
  const attached = await call('caseworker', 'POST', members, { body: { case_ids: [fx.caseId] } }, 200);
  assert.equal(attached.json.member_count, 1);
  await call('caseworker', 'POST', members, { body: { case_ids: [fx.caseId, 999999] } }, 400);
  const csv = `ref,sex,birth_year,referral_date,source,exploitation\n` +
              `DOCS-W-${Date.now()}-1,male,1990,${day(-20)},labour_inspection,forced_labour\n` +
              `DOCS-W-${Date.now()}-2,male,1987,${day(-20)},labour_inspection,forced_labour;other\n`;
  const made = await call('caseworker', 'POST', members, { raw: csv, headers: { 'content-type': 'text/csv' } }, 201);
  assert.equal(made.json.created, 2);
  const badCsv = await call('caseworker', 'POST', members,
                            { raw: `sex,birth_year,referral_date,source\nx,1990,${day(-20)},police\n`, headers: { 'content-type': 'text/csv' } }, 400);
  assert.deepEqual(badCsv.json.errors.map((e) => e.field), ['row 1: sex']);
  const quote = await call('caseworker', 'POST', members,
                           { raw: 'sex,referral_date,source\n"male,x,y\n', headers: { 'content-type': 'text/csv' } }, 400);
  assert.equal(typeof quote.json.offset, 'number');
  await call('caseworker', 'POST', members, { raw: 'x', headers: { 'content-type': 'text/plain' } }, 400);
});

test('screening routes answer as documented', async () => {
  await call('auditor', 'GET', '/api/v1/screening/profiles', {}, 200);
  const weighted = await call('auditor', 'POST', '/api/v1/screening/evaluate',
                              { body: { profile: 'adult_labour', indicators: ['deceptive_recruitment.nature_of_job'] } }, 200);
  assert.equal(weighted.json.outcome, 'insufficient_indicators');
  await call('bearer', 'POST', '/api/v1/screening/evaluate', { body: { profile: 'forced_labour_11', indicators: [] } }, 200);
  const bad = await call('auditor', 'POST', '/api/v1/screening/evaluate', { body: { profile: 'adult_labour', indicators: ['nope'] } }, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['indicators[0]']);
  const base = `/api/v1/cases/${fx.caseId}/screenings`;
  const stored = await call('caseworker', 'POST', base,
                            { body: { indicators: ['deceptive_recruitment.nature_of_job'], date: day(-40), note: 'Synthetic.' } }, 201);
  assert.equal(stored.json.screening.profile, stored.json.proposed_screening_profile);
  await call('caseworker', 'POST', base, { body: { profile: 'forced_labour_11', indicators: ['deception'], date: day(-39) } }, 201);
  const list = await call('caseworker', 'GET', base, {}, 200);
  assert.equal(list.json.items.length, 2);
  await call('auditor', 'GET', base, {}, 403);

  // A group's screenings, from CSV; rows are named by record number.
  const group = `/api/v1/groups/${fx.groupId}/screenings`;
  const csv = { headers: { 'content-type': 'text/csv' } };
  const table = await call('caseworker', 'POST', `${group}?date=${day(-38)}`,
                           { ...csv, raw: `person,profile,indicators\n${fx.caseNumber},adult_labour,deceptive_recruitment.nature_of_job;exploitation.excessive_hours\n` }, 201);
  assert.equal(table.json.members.find((m) => m.case_id === fx.caseId).screening.profile, 'adult_labour');
  const badRows = await call('caseworker', 'POST', `${group}?date=${day(-38)}`,
                             { ...csv, raw: `person,profile,indicators\nLT-1900-000001,adult_labour,\n${fx.caseNumber},adult_labour,nope\n` }, 400);
  assert.deepEqual(badRows.json.errors.map((e) => e.field), ['row 2', 'row 3']);
  await call('caseworker', 'POST', group, { ...csv, raw: `${fx.caseNumber},adult_labour,\n` }, 400);
  await call('caseworker', 'POST', `${group}?date=${day(-38)}`, { body: { person: fx.caseNumber } }, 400);
  await call('caseworker', 'GET', group, {}, 200);
  await call('coordinator', 'GET', group, {}, 200);
  await call('ngo', 'GET', group, {}, 404);
  await call('auditor', 'GET', group, {}, 403);
});

test('compliance alert routes answer as documented', async () => {
  // A service given without consent raises an alert; recording the consent clears it.
  const made = await call('caseworker', 'POST', '/api/v1/cases',
                          { body: { person: { sex: 'female', birth_year: 1990 }, referral: { date: day(-60), source: 'ngo' } } }, 201);
  const caseId = made.json.id;
  const svc = await call('caseworker', 'POST', `/api/v1/cases/${caseId}/services`,
                         { body: { type: 'medical', status: 'active', start_date: day(-50) } }, 201);
  assert.ok(svc.json.alerts.some((a) => a.rule === 'service-without-consent'));
  const list = await call('coordinator', 'GET', `/api/v1/alerts?case=${caseId}&rule=service-without-consent`, {}, 200);
  const cleared = list.json.items[0];
  await call('caseworker', 'PATCH', `/api/v1/cases/${caseId}/services/${svc.json.services[0].id}`,
             { body: { consent: { date: day(-50), language: 'sr' } } }, 200);
  fx.resolvedAlertId = cleared.id;
  const overdue = await call('caseworker', 'GET', `/api/v1/alerts?case=${made.json.case_number}&status=open`, {}, 200);
  fx.alertId = overdue.json.items.find((a) => a.rule === 'identification-overdue').id;
  await call('coordinator', 'GET', `/api/v1/alerts/${fx.alertId}`, {}, 200);
  await call('ngo', 'GET', `/api/v1/alerts/${fx.alertId}`, {}, 404);
  await call('auditor', 'GET', '/api/v1/alerts', {}, 403);
  await call('anon', 'GET', '/api/v1/alerts', {}, 401);
  await call('coordinator', 'GET', '/api/v1/alerts?status=shut', {}, 400);
  await call('coordinator', 'POST', `/api/v1/alerts/${fx.alertId}/resolve`, { body: {} }, 409);
  await call('caseworker', 'POST', `/api/v1/alerts/${fx.alertId}/resolve`, { body: {} }, 403);
  await call('coordinator', 'POST', `/api/v1/alerts/${fx.resolvedAlertId}/resolve`, { body: { note: 'Synthetic.' } }, 200);
  await call('coordinator', 'POST', `/api/v1/alerts/${fx.resolvedAlertId}/justify`, { body: { reason: 'Synthetic.' } }, 409);
  await call('coordinator', 'POST', '/api/v1/alerts/999999/justify', { body: { reason: 'Synthetic.' } }, 404);
  await call('coordinator', 'POST', `/api/v1/alerts/${fx.alertId}/justify`, { body: { reason: 'Synthetic.' } }, 200);
  await call('coordinator', 'GET', '/api/v1/compliance/rules', {}, 200);
  await call('auditor', 'GET', '/api/v1/compliance/rules', {}, 403);
});

test('the annual figures answer as documented', async () => {
  const ok = await call('coordinator', 'GET', '/api/v1/stats/annual?year=2021', {}, 200);
  assert.equal(ok.json.year, 2021);
  await call('admin', 'GET', `/api/v1/stats/annual?year=${day(-60).slice(0, 4)}`, {}, 200);
  const bad = await call('coordinator', 'GET', '/api/v1/stats/annual?year=soon', {}, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['query.year']);
  await call('caseworker', 'GET', '/api/v1/stats/annual?year=2021', {}, 403);
  await call('auditor', 'GET', '/api/v1/stats/annual?year=2021', {}, 403);
  await call('anon', 'GET', '/api/v1/stats/annual?year=2021', {}, 401);
  // source=ctdc: the figures of imported CTDC microdata (none here: zeros).
  const ctdc = await call('coordinator', 'GET', '/api/v1/stats/annual?year=2021&source=ctdc', {}, 200);
  assert.equal(ctdc.json.source, 'ctdc');
  const badSource = await call('coordinator', 'GET', '/api/v1/stats/annual?year=2021&source=x', {}, 400);
  assert.deepEqual(badSource.json.errors.map((e) => e.field), ['query.source']);
});

test('the trend and the HTML reports answer as documented', async () => {
  const trend = await call('coordinator', 'GET', '/api/v1/stats/trend?from=2020&to=2021', {}, 200);
  assert.deepEqual(trend.json.years.map((y) => y.year), [2020, 2021]);
  const bad = await call('coordinator', 'GET', '/api/v1/stats/trend?from=2021&to=2020', {}, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['query.to']);
  await call('caseworker', 'GET', '/api/v1/stats/trend?from=2020&to=2021', {}, 403);
  await call('anon', 'GET', '/api/v1/stats/trend?from=2020&to=2021', {}, 401);
  const report = await call('coordinator', 'GET', '/api/v1/stats/report?year=2021&lang=sr&published=true', {}, 200);
  assert.match(report.headers.get('content-security-policy'), /style-src 'sha256-/);
  await call('admin', 'GET', '/api/v1/stats/trend/report?from=2020&to=2021', {}, 200);
  await call('coordinator', 'GET', '/api/v1/stats/trend/report?from=2021&to=2020', {}, 400);
  await call('coordinator', 'GET', '/api/v1/stats/report?year=2021&lang=de', {}, 400);
  await call('auditor', 'GET', '/api/v1/stats/report?year=2021', {}, 403);
  await call('anon', 'GET', '/api/v1/stats/report?year=2021', {}, 401);
});

test('the CTDC export answers as documented', async () => {
  const csv = await call('analyst', 'GET', '/api/v1/export/ctdc?k=1', {}, 200);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="ctdc-k1\.csv"/);
  await call('coordinator', 'GET', '/api/v1/export/ctdc?k=11&year=2021', {}, 200);
  const bad = await call('analyst', 'GET', '/api/v1/export/ctdc?k=0', {}, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['query.k']);
  await call('caseworker', 'GET', '/api/v1/export/ctdc', {}, 403);
  await call('anon', 'GET', '/api/v1/export/ctdc', {}, 401);
});

test('the scorecard and the Watch List clock answer as documented', async () => {
  const ok = await call('coordinator', 'GET', '/api/v1/assessment/scorecard?year=2025', {}, 200);
  assert.equal(ok.json.period, 'reporting');
  assert.equal(ok.json.figures.investigations.status, 'recorded');
  await call('admin', 'GET', `/api/v1/assessment/scorecard?year=${day(-60).slice(0, 4)}&period=calendar`, {}, 200);
  const bad = await call('admin', 'GET', '/api/v1/assessment/scorecard?year=2025&period=fiscal', {}, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['query.period']);
  const clock = await call('coordinator', 'GET', '/api/v1/assessment/clock', {}, 200);
  assert.equal(clock.json.watch_list_allowed, false);
  await call('caseworker', 'GET', '/api/v1/assessment/clock', {}, 403);
  await call('auditor', 'GET', '/api/v1/assessment/scorecard?year=2025', {}, 403);
  await call('anon', 'GET', '/api/v1/assessment/clock', {}, 401);
});

test('adding a report year to the tier history answers as documented', async () => {
  // Aruba (not the deployment's own country) so that the clock above is unchanged.
  const body = { country: 'ABW', year: 2016, tier: 'tier_1', source: 'openapi test (synthetic)' };
  const added = await call('admin', 'POST', '/api/v1/assessment/tiers', { body }, 201);
  assert.equal(added.json.country, 'ABW');
  const again = await call('admin', 'POST', '/api/v1/assessment/tiers', { body }, 409);
  assert.match(again.json.detail, /ABW already has a placement for 2016/);
  const gap = await call('admin', 'POST', '/api/v1/assessment/tiers', { body: { ...body, year: 2018 } }, 400);
  assert.deepEqual(gap.json.errors.map((e) => e.field), ['year']);
  await call('coordinator', 'POST', '/api/v1/assessment/tiers', { body: { ...body, year: 2017 } }, 403);
  await call('anon', 'POST', '/api/v1/assessment/tiers', { body }, 401);
  const list = await call('coordinator', 'GET', '/api/v1/assessment/tiers', {}, 200);
  assert.deepEqual(list.json.items, [added.json]);
  await call('caseworker', 'GET', '/api/v1/assessment/tiers', {}, 403);
});

/* ---------- (c, continued) protection and non-punishment ---------- */

test('protection routes answer as documented', async () => {
  // A case of its own, referred to no one: the NGO must not see it.
  const created = await call('caseworker', 'POST', '/api/v1/cases',
                             { body: { person: { sex: 'female', birth_year: 1990 }, referral: { date: day(-100), source: 'police' } } }, 201);
  fx.protectionCaseId = created.json.id;
  const base = `/api/v1/cases/${fx.protectionCaseId}`;
  const threat = await call('caseworker', 'POST', `${base}/threats`,
                            { body: { date: day(-20), kind: 'intimidation', source: 'perpetrator', note: 'Synthetic note.' } }, 201);
  await call('caseworker', 'POST', `${base}/threats`, { body: { date: day(5), kind: 'shouting' } }, 400);
  await call('ngo', 'POST', `${base}/threats`, { body: { date: day(-20), kind: 'threat' } }, 404);
  await call('auditor', 'POST', `${base}/threats`, { body: { date: day(-20), kind: 'threat' } }, 403);
  const measure = await call('caseworker', 'POST', `${base}/protection-measures`,
                             { body: { date: day(-19), measure: 'police_protection', threat_id: threat.json.id } }, 201);
  fx.measureId = measure.json.id;
  await call('caseworker', 'POST', `${base}/protection-measures`, { body: { date: day(-19), measure: 'bodyguard' } }, 400);
  await call('caseworker', 'PATCH', `${base}/protection-measures/${fx.measureId}`, { body: { end_date: day(-2) } }, 200);
  await call('caseworker', 'PATCH', `${base}/protection-measures/${fx.measureId}`, { body: {} }, 400);
  await call('caseworker', 'PATCH', `${base}/protection-measures/999999`, { body: { end_date: day(-2) } }, 404);
  const vp = await call('caseworker', 'POST', `${base}/victim-proceedings`,
                        { body: { kind: 'misdemeanour', offence: 'prostitution', offence_date: day(-90), during_exploitation: true,
                                  outcome: 'penalty', penalty: 'fine', outcome_date: day(-80) } }, 201);
  fx.victimProceedingId = vp.json.id;
  await call('caseworker', 'POST', `${base}/victim-proceedings`, { body: { kind: 'criminal', offence: 'theft', outcome: 'acquitted', penalty: 'fine' } }, 400);
  await call('caseworker', 'PATCH', `${base}/victim-proceedings/${fx.victimProceedingId}`,
             { body: { non_punishment_assessed: true, assessment_date: day(-10) } }, 200);
  await call('auditor', 'PATCH', `${base}/victim-proceedings/${fx.victimProceedingId}`, { body: { outcome: 'pending' } }, 403);
  await call('caseworker', 'POST', `${base}/removals`, { body: { date: day(-30), kind: 'removal', authority: 'Docs border unit (synthetic)' } }, 201);
  await call('caseworker', 'POST', `${base}/removals`, { body: { date: day(-30), kind: 'exile' } }, 400);
  await call('caseworker', 'POST', `${base}/identity-disclosures`, { body: { date: day(-25), recipient: 'employer', channel: 'residence_document' } }, 201);
  await call('ngo', 'POST', `${base}/identity-disclosures`, { body: { date: day(-25), recipient: 'employer', channel: 'export' } }, 404);
  // An adult's case: unaccompanied only after an age assessment finds a child.
  await call('caseworker', 'PUT', `${base}/unaccompanied`, { body: { unaccompanied: true } }, 400);
  await call('caseworker', 'POST', `${base}/age-assessments`, { body: { date: day(-21), result: 'child', method: 'documents' } }, 201);
  await call('caseworker', 'POST', `${base}/age-assessments`, { body: { date: day(-21), result: 'teen' } }, 400);
  await call('caseworker', 'PUT', `${base}/unaccompanied`, { body: { unaccompanied: true } }, 200);
  await call('auditor', 'PUT', `${base}/unaccompanied`, { body: { unaccompanied: false } }, 403);
  const got = await call('caseworker', 'GET', base, {}, 200);
  assert.equal(got.json.unaccompanied, true);
  assert.equal(got.json.threats[0].note, 'Synthetic note.');
});

/* ---------- (c, continued) proceedings, hearings and compensation ---------- */

test('proceeding and compensation routes answer as documented', async () => {
  const base = `/api/v1/cases/${fx.caseId}`;
  const opened = await call('caseworker', 'POST', `${base}/proceedings`,
                            { body: { opened_date: day(-50), offence_date: day(-70), prosecutor_specialised: false,
                                      victim_role: 'injured_party', court: 'Docs court (synthetic)',
                                      charge: { article: '388', paragraph: '1' } } }, 201);
  fx.proceedingId = opened.json.id;
  const pbase = `/api/v1/proceedings/${fx.proceedingId}`;
  await call('caseworker', 'POST', `${base}/proceedings`, { body: { opened_date: day(-50), prosecutor_specialised: true,
                                                                   victim_role: 'x', charge: { article: '999' } } }, 400);
  // A second victim's case, referred to no one: the NGO does not see it.
  const other = await call('caseworker', 'POST', '/api/v1/cases',
                           { body: { person: { sex: 'female', birth_year: 1990 }, referral: { date: day(-60), source: 'police' } } }, 201);
  await call('ngo', 'POST', `/api/v1/cases/${other.json.id}/proceedings`, { body: {} }, 404);
  await call('auditor', 'POST', `${base}/proceedings`, { body: {} }, 403);
  await call('caseworker', 'GET', `${base}/proceedings`, {}, 200);
  await call('ngo', 'GET', `/api/v1/cases/${other.json.id}/proceedings`, {}, 404);
  await call('coordinator', 'GET', pbase, {}, 200);
  await call('ngo', 'GET', '/api/v1/proceedings/999999', {}, 404);
  await call('auditor', 'GET', pbase, {}, 403);
  await call('caseworker', 'PATCH', pbase, { body: { prosecutor_specialised: true, court: null } }, 200);
  await call('caseworker', 'PATCH', pbase, { body: {} }, 400);
  await call('caseworker', 'POST', `${pbase}/cases`, { body: { case_id: other.json.id, victim_role: 'witness' } }, 201);
  await call('caseworker', 'POST', `${pbase}/cases`, { body: { case_id: other.json.id, victim_role: 'witness' } }, 409);
  await call('caseworker', 'POST', `${pbase}/stage`, { body: { stage: 'indictment', date: day(-40) } }, 201);
  await call('caseworker', 'POST', `${pbase}/stage`, { body: { stage: 'indictment', date: day(-39) } }, 409);
  const charged = await call('caseworker', 'POST', `${pbase}/charges`,
                             { body: { date: day(-40), stage: 'indictment', article: '184', paragraph: '1' } }, 201);
  assert.equal(charged.json.charges.at(-1).downgrade, true);
  await call('caseworker', 'POST', `${pbase}/charges`, { body: { date: day(-40), stage: 'indictment', article: '999' } }, 400);
  await call('caseworker', 'PUT', `${pbase}/plea`, { body: { date: day(-35) } }, 200);
  await call('caseworker', 'POST', `${pbase}/appeals`, { body: { filed_date: day(-20), appellant: 'defence' } }, 409);
  const judged = await call('caseworker', 'PUT', `${pbase}/verdict`,
                            { body: { date: day(-30), outcome: 'conviction', sentence_months: 12, suspended: true } }, 200);
  assert.equal(judged.json.verdict.statutory_minimum_months, 6);
  await call('caseworker', 'PUT', `${pbase}/verdict`, { body: { date: day(-30), outcome: 'acquittal', sentence_months: 12 } }, 400);
  const appealed = await call('caseworker', 'POST', `${pbase}/appeals`, { body: { filed_date: day(-25), appellant: 'prosecution' } }, 201);
  fx.appealId = appealed.json.appeals[0].id;
  await call('caseworker', 'PATCH', `${pbase}/appeals/${fx.appealId}`, { body: { decided_date: day(-10), outcome: 'upheld' } }, 200);
  await call('caseworker', 'PATCH', `${pbase}/appeals/999999`, { body: { outcome: 'upheld' } }, 404);
  await call('caseworker', 'POST', `${pbase}/hearings`,
             { body: { date: day(-28), case_id: fx.caseId, confrontation: false, note: 'Synthetic.',
                       measures: [{ measure: 'video_link', requested: true, granted: true, carried_out: false }] } }, 201);
  await call('caseworker', 'POST', `${pbase}/hearings`,
             { body: { date: day(-28), case_id: fx.caseId, measures: [{ measure: 'video_link', requested: true, granted: true }] } }, 400);
  const claim = await call('caseworker', 'POST', `${base}/compensation`,
                           { body: { forum: 'criminal', proceeding_id: fx.proceedingId, claimed_date: day(-45), amount_claimed: 1000 } }, 201);
  fx.claimId = claim.json.id;
  await call('caseworker', 'POST', `${base}/compensation`, { body: { forum: 'tort', claimed_date: day(-45) } }, 400);
  await call('caseworker', 'PATCH', `${base}/compensation/${fx.claimId}`,
             { body: { status: 'awarded', award_date: day(-30), amount_awarded: 800 } }, 200);
  await call('caseworker', 'PATCH', `${base}/compensation/${fx.claimId}`, { body: { paid_date: day(-20) } }, 400);
  await call('caseworker', 'PATCH', `/api/v1/cases/${other.json.id}/compensation/${fx.claimId}`, { body: { status: 'withdrawn' } }, 404);
  const got = await call('caseworker', 'GET', base, {}, 200);
  assert.equal(got.json.proceedings[0].id, fx.proceedingId);
  assert.equal(got.json.compensation_claims[0].id, fx.claimId);
  await call('bearer', 'GET', '/api/v1/jurisdiction', {}, 200);
});

/* ---------- request fields and query parameters match the server's ---------- */

// Who may reach each body's validation, and with which path ids: persons,
// cases and groups check the role first, and the case routes load the case
// (and a period, service or referral) before they read the body, so they
// need the records made above. Other routes: the admin, every {param} 'x'.
const bodyTargets = {
  'POST /api/v1/persons': ['caseworker'],
  'POST /api/v1/cases': ['caseworker'],
  'POST /api/v1/groups': ['caseworker'],
  'POST /api/v1/groups/{id}/members': ['caseworker', () => ({ id: fx.groupId })],
  'POST /api/v1/shelters': ['coordinator'],
  'PATCH /api/v1/shelters/{id}': ['coordinator', () => ({ id: fx.shelterId })],
  'POST /api/v1/screening/evaluate': ['coordinator'],
  'POST /api/v1/referrals/{rid}/revoke': ['caseworker', () => ({ rid: fx.referralId })], // the sender
  // An alert the data no longer shows: resolving it again is a complete request.
  'POST /api/v1/alerts/{aid}/resolve': ['coordinator', () => ({ aid: fx.resolvedAlertId })],
  'POST /api/v1/alerts/{aid}/justify': ['coordinator', () => ({ aid: fx.alertId })],
  'PATCH /api/v1/cases/{id}/protection-measures/{mid}': ['coordinator', () => ({ id: fx.protectionCaseId, mid: fx.measureId })],
  'PATCH /api/v1/cases/{id}/victim-proceedings/{vid}': ['coordinator', () => ({ id: fx.protectionCaseId, vid: fx.victimProceedingId })],
  // Proceedings are reached through their cases; the records come from the justice checks above.
  'PATCH /api/v1/cases/{id}/compensation/{cid}': ['coordinator', () => ({ id: fx.caseId, cid: fx.claimId })],
  ...Object.fromEntries(['PATCH /api/v1/proceedings/{pid}', 'POST /api/v1/proceedings/{pid}/cases',
    'POST /api/v1/proceedings/{pid}/stage', 'POST /api/v1/proceedings/{pid}/charges', 'PUT /api/v1/proceedings/{pid}/plea',
    'PUT /api/v1/proceedings/{pid}/verdict', 'POST /api/v1/proceedings/{pid}/appeals',
    'PATCH /api/v1/proceedings/{pid}/appeals/{aid}', 'POST /api/v1/proceedings/{pid}/hearings']
    .map((r) => [r, ['coordinator', () => ({ pid: fx.proceedingId, aid: fx.appealId })]])),
};
function bodyTarget(route) {
  const [, path] = route.split(' ');
  let [actor, ids] = bodyTargets[route] ?? [];
  if (!actor && path.startsWith('/api/v1/cases/{id}/')) {
    actor = 'coordinator';
    ids = () => ({ id: fx.caseId, rid: fx.periodId, sid: fx.serviceId, pid: fx.placementId });
  } else if (!actor && path.startsWith('/api/v1/referrals/{rid}/')) {
    [actor, ids] = ['coordinator', () => ({ rid: fx.referralId })];
  }
  const values = ids ? ids() : {};
  const url = path.replace(/\{([^}]+)\}/g, (_, name) => {
    if (!ids) return 'x';
    assert.ok(values[name], `${route}: no record for {${name}} (did the tests above run?)`);
    return String(values[name]);
  });
  return { actor: actor ?? 'admin', url };
}

test('documented request fields are the ones the server accepts and requires', async (t) => {
  for (const route of documentedRoutes()) {
    const [method, path] = route.split(' ');
    const op = doc.paths[path][method.toLowerCase()];
    if (!op.requestBody) continue;
    const [rb] = deref(op.requestBody, '');
    if (!rb.content['application/json']) continue; // CSV only: checked in part (c)
    const [schema] = deref(rb.content['application/json'].schema, '');
    await t.test(route, async () => {
      assert.equal(schema.additionalProperties, false, `${route}: the body schema must set additionalProperties: false`);
      const { actor, url } = bodyTarget(route);
      const documented = [...(schema.required ?? [])].sort();
      // An empty object: the server names exactly the documented required
      // fields. With none documented, it may be a complete request.
      const empty = await call(actor, method, url, { body: {} });
      if (documented.length || empty.status >= 300) {
        assert.equal(empty.status, 400, `${route}: an empty object: ${empty.text}`);
        const required = empty.json.errors.filter((e) => e.reason === 'is required').map((e) => e.field).sort();
        assert.deepEqual(required, documented, `${route}: required fields differ`);
      }
      // Every documented field, well typed, plus one undocumented: only that one is refused.
      const body = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, sample(s)]));
      body.zz_undocumented = 1;
      const res = await call(actor, method, url, { body }, 400);
      assert.deepEqual(res.json.errors, [{ field: 'zz_undocumented', reason: 'unknown field' }],
                       `${route}: the server disagrees about a documented field's name or type`);
    });
  }
});

// Routes whose query parameters need more than a GET by the coordinator:
// the caller, the path, values that suit the records made above, the body
// and the success status.
const queryTargets = {
  'GET /api/v1/audit': () => ({ actor: 'auditor' }),
  'POST /api/v1/groups/{id}/screenings': () => ({
    actor: 'caseworker',
    url: `/api/v1/groups/${fx.groupId}/screenings`,
    values: { date: day(-1) },
    opts: { raw: `person,profile,indicators\n${fx.caseNumber},forced_labour_11,deception\n`,
            headers: { 'content-type': 'text/csv' } },
    status: 201,
  }),
};

test('documented query parameters are the ones the server accepts', async (t) => {
  for (const route of documentedRoutes()) {
    const [method, path] = route.split(' ');
    const op = doc.paths[path][method.toLowerCase()];
    const params = (op.parameters ?? []).map((p) => deref(p, '')[0]).filter((p) => p.in === 'query');
    if (params.length === 0) continue;
    await t.test(route, async () => {
      const target = { actor: 'coordinator', url: path, values: {}, opts: {}, status: 200,
                       ...(queryTargets[route]?.() ?? {}) };
      const { actor, url, opts } = target;
      const qs = new URLSearchParams(params.map((p) => [p.name, String(target.values[p.name] ?? sample(p.schema))]));
      const ok = await call(actor, method, `${url}?${qs}`, opts, target.status);
      const type = (ok.headers.get('content-type') ?? '').split(';')[0];
      assert.ok(ok.json || type === 'text/html' || type === 'text/csv', `${route}: no JSON body (nor an HTML report or CSV)`);
      qs.append('zz_undocumented', '1');
      const res = await call(actor, method, `${url}?${qs}`, opts, 400);
      assert.deepEqual(res.json.errors, [{ field: 'query.zz_undocumented', reason: 'unknown parameter' }]);
      for (const p of params.filter((x) => x.required)) {
        const without = new URLSearchParams(qs);
        without.delete(p.name);
        without.delete('zz_undocumented');
        const r = await call(actor, method, `${url}?${without}`, opts, 400);
        assert.ok(r.json.errors.some((e) => e.field === `query.${p.name}`), `${route}: ${p.name} is documented as required`);
      }
    });
  }
});

test('every documented operation was exercised against the real server', (t) => {
  // Not a failure (a route may be documented before it has a check here),
  // but said aloud so that the gap is seen.
  const unexercised = documentedRoutes().filter((r) => !exercised.has(r));
  if (unexercised.length) t.diagnostic(`not exercised against the server: ${unexercised.join(', ')}`);
  else t.diagnostic(`all ${exercised.size} documented operations were exercised`);
});
