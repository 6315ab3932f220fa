// Logging in and out, CSRF, lockout, session expiry, API tokens, passwords.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client, ADMIN_PASSWORD } from '../support/lantern.mjs';

const ORG = 'Test Center (synthetic)';
const users = [
  { username: 'cw-anna', role: 'caseworker', org: ORG, password: 'caseworker-pass-1' },
  { username: 'cw-guess', role: 'caseworker', org: ORG, password: 'caseworker-pass-5' },
  { username: 'cw-unlock', role: 'caseworker', org: ORG, password: 'caseworker-pass-6' },
  { username: 'cw-lock', role: 'caseworker', org: ORG, password: 'caseworker-pass-2' },
  { username: 'cw-pw', role: 'caseworker', org: ORG, password: 'caseworker-pass-3' },
  { username: 'cw-gone', role: 'caseworker', org: ORG, password: 'caseworker-pass-4' },
];
let srv;

before(async () => {
  srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users });
});
after(async () => { await srv?.stop(); });

test('health answers without login', async () => {
  const r = await new Client(srv.url).get('/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
});

test('login sets an HttpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
  const c = new Client(srv.url);
  const r = await c.login('cw-anna', 'caseworker-pass-1');
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^lantern_session=lts_[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  assert.equal(typeof r.json.csrf_token, 'string');
  assert.ok(r.json.csrf_token.length >= 40);
  assert.equal(r.json.user.username, 'cw-anna');
  assert.equal(r.json.user.role, 'caseworker');
  assert.equal(r.json.user.organisation.name, ORG);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'cw-anna');
  assert.equal(me.json.csrf_token, r.json.csrf_token);
});

test('wrong password, unknown user and no session all answer 401', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.login('cw-anna', 'not-the-password')).status, 401);
  const unknown = await c.login('nobody-here', 'whatever-password');
  assert.equal(unknown.status, 401);
  assert.equal(unknown.headers.get('content-type'), 'application/problem+json');
  assert.equal((await c.get('/api/v1/me')).status, 401);
  const forged = new Client(srv.url);
  forged.cookie = 'lantern_session=lts_forgedforgedforgedforgedforgedforgedforge';
  assert.equal((await forged.get('/api/v1/me')).status, 401);
});

test('a state-changing request with a cookie needs the CSRF token', async () => {
  const c = new Client(srv.url);
  await c.login('cw-anna', 'caseworker-pass-1');
  const missing = await c.post('/api/v1/persons', { sex: 'female' }, { csrf: false });
  assert.equal(missing.status, 403);
  assert.match(missing.json.detail, /CSRF/);
  const wrong = await c.post('/api/v1/persons', { sex: 'female' },
    { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
  assert.equal(wrong.status, 403);
  const ok = await c.post('/api/v1/persons', { sex: 'female' });
  assert.equal(ok.status, 201);
});

test('logout ends the session and clears the cookie', async () => {
  const c = new Client(srv.url);
  await c.login('cw-anna', 'caseworker-pass-1');
  const saved = c.cookie;
  assert.equal((await c.post('/api/v1/logout', undefined, { csrf: false })).status, 403);
  const r = await c.post('/api/v1/logout');
  assert.equal(r.status, 204);
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  c.cookie = saved;
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('five failed logins lock the account: 429 with Retry-After, audited', async () => {
  const c = new Client(srv.url);
  for (let i = 0; i < 5; i++) assert.equal((await c.login('cw-lock', 'bad-password-' + i)).status, 401);
  const locked = await c.login('cw-lock', 'caseworker-pass-2');
  assert.equal(locked.status, 429);
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`);
  assert.equal(locked.json.retry_after, retry);
  // Another account is not affected.
  assert.equal((await new Client(srv.url).login('cw-anna', 'caseworker-pass-1')).status, 200);
  const lines = srv.cli(['audit', 'list', '--action', 'login', '--limit', '500']).stdout
    .trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => l.outcome === 'locked'), 'a locked login is audited');
  assert.equal(lines.filter((l) => l.outcome === 'bad_password').length >= 5, true);
});

test('password change checks the current password and the policy, names the field', async () => {
  const c = new Client(srv.url);
  await c.login('cw-pw', 'caseworker-pass-3');
  const other = new Client(srv.url);
  await other.login('cw-pw', 'caseworker-pass-3');
  let r = await c.post('/api/v1/me/password', { current_password: 'wrong-current-pw', new_password: 'a-long-new-password' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['current_password']);
  r = await c.post('/api/v1/me/password', { current_password: 'caseworker-pass-3', new_password: 'short' });
  assert.equal(r.status, 400);
  assert.equal(r.json.errors[0].field, 'new_password');
  assert.match(r.json.errors[0].reason, /at least 12/);
  r = await c.post('/api/v1/me/password', { current_password: 'caseworker-pass-3', new_password: 'a-long-new-password' });
  assert.equal(r.status, 204);
  assert.equal((await c.get('/api/v1/me')).status, 200, 'this session stays');
  assert.equal((await other.get('/api/v1/me')).status, 401, 'other sessions end');
  assert.equal((await new Client(srv.url).login('cw-pw', 'caseworker-pass-3')).status, 401);
  assert.equal((await new Client(srv.url).login('cw-pw', 'a-long-new-password')).status, 200);
});

test('API tokens: bearer needs no CSRF header; a bad token is 401', async () => {
  const token = srv.cli(['token', 'create', '--user', 'cw-anna']).stdout.trim();
  assert.match(token, /^ltk_[A-Za-z0-9_-]{43}$/);
  const c = new Client(srv.url);
  c.bearer = token;
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'cw-anna');
  assert.equal(me.json.csrf_token, undefined);
  const created = await c.post('/api/v1/persons', { sex: 'male' });
  assert.equal(created.status, 201);
  c.bearer = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  assert.equal((await c.get('/api/v1/me')).status, 401);
  c.bearer = null;
  const r = await c.get('/api/v1/me', { headers: { authorization: 'Basic abc' } });
  assert.equal(r.status, 401);
});

test('a disabled user cannot log in and loses sessions and tokens', async () => {
  const c = new Client(srv.url);
  await c.login('cw-gone', 'caseworker-pass-4');
  const token = srv.cli(['token', 'create', '--user', 'cw-gone']).stdout.trim();
  assert.equal(srv.cli(['user', 'disable', '--username', 'cw-gone']).status, 0);
  assert.equal((await c.get('/api/v1/me')).status, 401);
  const t = new Client(srv.url);
  t.bearer = token;
  assert.equal((await t.get('/api/v1/me')).status, 401);
  assert.equal((await new Client(srv.url).login('cw-gone', 'caseworker-pass-4')).status, 401);
  assert.equal(srv.cli(['user', 'enable', '--username', 'cw-gone']).status, 0);
  assert.equal((await new Client(srv.url).login('cw-gone', 'caseworker-pass-4')).status, 200);
});

test('admin password from --admin-password-file works', async () => {
  const r = await new Client(srv.url).login('admin', ADMIN_PASSWORD);
  assert.equal(r.status, 200);
  assert.equal(r.json.user.role, 'admin');
});

test('a 401 says how to authenticate', async () => {
  const r = await new Client(srv.url).get('/api/v1/me');
  assert.equal(r.status, 401);
  assert.match(r.headers.get('www-authenticate'), /^Bearer/);
});

test('logging out with an API token revokes it; the CLI revokes tokens too', async () => {
  const t1 = srv.cli(['token', 'create', '--user', 'cw-anna']).stdout.trim();
  const t2 = srv.cli(['token', 'create', '--user', 'cw-anna']).stdout.trim();
  const c = new Client(srv.url);
  c.bearer = t1;
  assert.equal((await c.post('/api/v1/logout')).status, 204);
  assert.equal((await c.get('/api/v1/me')).status, 401);
  c.bearer = t2;
  assert.equal((await c.get('/api/v1/me')).status, 200);
  const r = srv.cli(['token', 'revoke', '--user', 'cw-anna']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Revoked \d+ tokens? of cw-anna/);
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('guessing the current password counts towards the lockout', async () => {
  const c = new Client(srv.url);
  await c.login('cw-guess', 'caseworker-pass-5');
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/api/v1/me/password', { current_password: 'guess-' + i + '-xxxxxxx', new_password: 'another-long-password' });
    assert.equal(r.status, 400);
  }
  const locked = await c.post('/api/v1/me/password', { current_password: 'caseworker-pass-5', new_password: 'another-long-password' });
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  assert.equal((await new Client(srv.url).login('cw-guess', 'caseworker-pass-5')).status, 429);
});

test('an administrator can lift a lockout', async () => {
  for (let i = 0; i < 5; i++) await new Client(srv.url).login('cw-unlock', 'wrong-' + i);
  assert.equal((await new Client(srv.url).login('cw-unlock', 'caseworker-pass-6')).status, 429);
  const r = srv.cli(['user', 'unlock', '--username', 'cw-unlock']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await new Client(srv.url).login('cw-unlock', 'caseworker-pass-6')).status, 200);
});
