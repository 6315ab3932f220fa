// Roles and scope: one authorisation rule for every route; a record outside
// the caller's scope answers 404, an action the role never has answers 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Scope Center A (synthetic)', B = 'Scope NGO B (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
  { username: 'auditor', role: 'auditor', org: A, password: 'auditor-pass-123' },
  { username: 'liaison', role: 'prosecutor_liaison', org: B, password: 'liaison-pass-123' },
];
let srv;
const as = {};

before(async () => {
  srv = await startLantern({ orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  as.admin = new Client(srv.url);
  assert.equal((await as.admin.login('admin', 'admin-password-for-tests')).status, 200);
});
after(async () => { await srv?.stop(); });

test('a case worker sees their organisation\'s persons and gets 404 for others', async () => {
  const pa = await as['cw-a'].post('/api/v1/persons', { sex: 'female', given_name: 'Scopa', family_name: 'Alfić' });
  const pb = await as['cw-b'].post('/api/v1/persons', { sex: 'male', given_name: 'Scopo', family_name: 'Betić' });
  assert.equal(pa.status, 201);
  assert.equal(pb.status, 201);
  assert.equal((await as['cw-a'].get(`/api/v1/persons/${pa.json.id}`)).status, 200);
  const hidden = await as['cw-a'].get(`/api/v1/persons/${pb.json.id}`);
  assert.equal(hidden.status, 404);
  const none = await as['cw-a'].get('/api/v1/persons/987654');
  assert.equal(none.status, 404);
  assert.equal(hidden.json.detail, none.json.detail, 'out of scope looks like absent');
  const search = await as['cw-a'].get('/api/v1/persons?name=' + encodeURIComponent('Scopo Betić'));
  assert.equal(search.status, 200);
  assert.deepEqual(search.json.items, []);
  const coord = await as.coord.get(`/api/v1/persons/${pb.json.id}`);
  assert.equal(coord.status, 200, 'the coordinator sees every organisation');
  assert.equal(coord.json.family_name, 'Betić');
});

test('roles without access to persons get 403, never data', async () => {
  for (const who of ['analyst', 'auditor', 'liaison', 'admin']) {
    assert.equal((await as[who].get('/api/v1/persons/1')).status, 403, who);
    assert.equal((await as[who].post('/api/v1/persons', { sex: 'female' })).status, 403, who);
    assert.equal((await as[who].get('/api/v1/persons?name=x')).status, 403, who);
  }
});

test('only admins manage users and organisations', async () => {
  for (const who of ['cw-a', 'coord', 'analyst', 'auditor', 'liaison']) {
    assert.equal((await as[who].get('/api/v1/users')).status, 403, who);
    assert.equal((await as[who].post('/api/v1/users', { username: 'x-user', role: 'analyst', organisation: A })).status, 403, who);
    assert.equal((await as[who].post('/api/v1/organisations', { name: 'Org X', kind: 'ngo' })).status, 403, who);
    assert.equal((await as[who].post('/api/v1/users/cw-b/disable')).status, 403, who);
  }
  const list = await as.admin.get('/api/v1/users');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.some((u) => u.username === 'cw-b'));
  assert.ok(list.json.items.every((u) => !('password_hash' in u)));
  const org = await as.admin.post('/api/v1/organisations', { name: 'Scope Shelter C (synthetic)', kind: 'shelter' });
  assert.equal(org.status, 201);
  const bad = await as.admin.post('/api/v1/organisations', { name: 'Z', kind: 'castle' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['kind', 'name']);
  const u = await as.admin.post('/api/v1/users', { username: 'new-cw', role: 'caseworker', organisation: 'Scope Shelter C (synthetic)' });
  assert.equal(u.status, 201);
  assert.equal(u.json.password.length, 20);
  assert.equal((await new Client(srv.url).login('new-cw', u.json.password)).status, 200);
  const dup = await as.admin.post('/api/v1/users', { username: 'new-cw', role: 'caseworker', organisation: B });
  assert.equal(dup.status, 400);
  assert.equal(dup.json.errors[0].field, 'username');
  const badrole = await as.admin.post('/api/v1/users', { username: 'x-y', role: 'boss', organisation: 'Nowhere' });
  assert.deepEqual(badrole.json.errors.map((e) => e.field).sort(), ['organisation', 'role']);
});

test('every role can read its own account and dashboard; counts follow scope', async () => {
  for (const who of Object.keys(as)) {
    assert.equal((await as[who].get('/api/v1/me')).status, 200, who);
    assert.equal((await as[who].get('/api/v1/dashboard')).status, 200, who);
  }
  const a = await as['cw-a'].get('/api/v1/dashboard');
  const coord = await as.coord.get('/api/v1/dashboard');
  assert.equal(a.json.scope, 'organisation');
  assert.equal(coord.json.scope, 'all');
  assert.ok(coord.json.persons > a.json.persons, `${coord.json.persons} > ${a.json.persons}`);
});

test('the command line goes through the same rules', async () => {
  const r = srv.cli(['user', 'add', '--username', 'Bad Name', '--role', 'caseworker', '--org', A]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /username: must be/);
  const r2 = srv.cli(['org', 'add', '--name', 'Q', '--kind', 'castle']);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /kind: must be one of/);
});
