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
  assert.equal(wrong.headers.get('allow'), 'GET, POST');
  checkResponse(wrong, doc.components.responses.MethodNotAllowed, '/components/responses/MethodNotAllowed', 'wrong method');
});

/* ---------- request fields and query parameters match the server's ---------- */

// Who may reach each body's validation (persons check the role first).
const bodyActor = (route) => (route === 'POST /api/v1/persons' ? 'caseworker' : 'admin');

test('documented request fields are the ones the server accepts and requires', async (t) => {
  for (const route of documentedRoutes()) {
    const [method, path] = route.split(' ');
    const op = doc.paths[path][method.toLowerCase()];
    if (!op.requestBody) continue;
    const [rb] = deref(op.requestBody, '');
    const [schema] = deref(rb.content['application/json'].schema, '');
    await t.test(route, async () => {
      assert.equal(schema.additionalProperties, false, `${route}: the body schema must set additionalProperties: false`);
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const actor = bodyActor(route);
      // An empty object: the server names exactly the documented required fields.
      const empty = await call(actor, method, url, { body: {} }, 400);
      const required = empty.json.errors.filter((e) => e.reason === 'is required').map((e) => e.field).sort();
      assert.deepEqual(required, [...(schema.required ?? [])].sort(), `${route}: required fields differ`);
      // Every documented field, well typed, plus one undocumented: only that one is refused.
      const body = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, sample(s)]));
      body.zz_undocumented = 1;
      const res = await call(actor, method, url, { body }, 400);
      assert.deepEqual(res.json.errors, [{ field: 'zz_undocumented', reason: 'unknown field' }],
                       `${route}: the server disagrees about a documented field's name or type`);
    });
  }
});

test('documented query parameters are the ones the server accepts', async (t) => {
  const actorFor = { '/api/v1/audit': 'auditor' };
  for (const route of documentedRoutes()) {
    const [method, path] = route.split(' ');
    const op = doc.paths[path][method.toLowerCase()];
    const params = (op.parameters ?? []).map((p) => deref(p, '')[0]).filter((p) => p.in === 'query');
    if (params.length === 0) continue;
    await t.test(route, async () => {
      const actor = actorFor[path] ?? 'coordinator';
      const qs = new URLSearchParams(params.map((p) => [p.name, String(sample(p.schema))]));
      const ok = await call(actor, method, `${path}?${qs}`, {}, 200);
      assert.ok(ok.json, `${route}: no JSON body`);
      qs.append('zz_undocumented', '1');
      const res = await call(actor, method, `${path}?${qs}`, {}, 400);
      assert.deepEqual(res.json.errors, [{ field: 'query.zz_undocumented', reason: 'unknown parameter' }]);
      for (const p of params.filter((x) => x.required)) {
        const without = new URLSearchParams(qs);
        without.delete(p.name);
        without.delete('zz_undocumented');
        const r = await call(actor, method, `${path}?${without}`, {}, 400);
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
