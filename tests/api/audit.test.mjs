// The audit log: every login, read and write is a chained row with ids only;
// auditors page through it; `lantern audit verify` catches any tampering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startLantern, Client, cli } from '../support/lantern.mjs';

const ORG = 'Audit Center (synthetic)';
let srv, cw, auditor, personId;

before(async () => {
  srv = await startLantern({
    orgs: [{ name: ORG, kind: 'center' }],
    users: [
      { username: 'cw-aud', role: 'caseworker', org: ORG, password: 'caseworker-pass-q' },
      { username: 'auditor', role: 'auditor', org: ORG, password: 'auditor-pass-123' },
    ],
  });
  cw = new Client(srv.url);
  auditor = new Client(srv.url);
  await cw.login('cw-aud', 'caseworker-pass-q');
  await new Client(srv.url).login('cw-aud', 'wrong-password!');
  await auditor.login('auditor', 'auditor-pass-123');
  const p = await cw.post('/api/v1/persons', { sex: 'female', given_name: 'Auditka', family_name: 'Lančić' });
  personId = p.json.id;
  await cw.get(`/api/v1/persons/${personId}`);
  await cw.get('/api/v1/persons?name=' + encodeURIComponent('Auditka Lančić'));
});
after(async () => { await srv?.stop(); });

test('logins, failures, writes and reads are audited with ids only', async () => {
  const r = await auditor.get('/api/v1/audit?limit=500');
  assert.equal(r.status, 200);
  const rows = r.json.items;
  const find = (action, outcome) => rows.find((x) => x.action === action && x.outcome === outcome);
  assert.ok(find('login', 'ok'));
  assert.ok(find('login', 'bad_password'));
  const create = find('person.create', 'ok');
  assert.equal(create.object_type, 'person');
  assert.equal(create.object_id, personId);
  assert.ok(create.actor_user_id > 0);
  assert.ok(find('person.read', 'ok'));
  assert.equal(find('person.search', 'ok').detail, 'matches=1');
  const text = JSON.stringify(rows);
  assert.doesNotMatch(text, /Auditka|Lančić|cw-aud/, 'no names or user names in audit rows');
});

test('filters and paging', async () => {
  const page1 = await auditor.get('/api/v1/audit?limit=2');
  assert.equal(page1.json.items.length, 2);
  assert.equal(typeof page1.json.next_after_id, 'number');
  const page2 = await auditor.get(`/api/v1/audit?limit=2&after_id=${page1.json.next_after_id}`);
  assert.ok(page2.json.items[0].id > page1.json.items[1].id);
  const logins = await auditor.get('/api/v1/audit?action=login&limit=500');
  assert.ok(logins.json.items.length >= 3);
  assert.ok(logins.json.items.every((x) => x.action === 'login'));
  const obj = await auditor.get(`/api/v1/audit?object_type=person&object_id=${personId}`);
  assert.ok(obj.json.items.length >= 2);
  assert.ok(obj.json.items.every((x) => x.object_id === personId));
  const today = new Date().toISOString().slice(0, 10);
  const since = await auditor.get(`/api/v1/audit?since=${today}&limit=500`);
  assert.ok(since.json.items.length > 0);
  const untilToday = await auditor.get(`/api/v1/audit?until=${today}&limit=500`);
  assert.ok(untilToday.json.items.length > 0, 'until a date includes that whole day');
  const future = await auditor.get('/api/v1/audit?since=2999-01-01');
  assert.deepEqual(future.json.items, []);
  assert.equal(future.json.next_after_id, null);
  const bad = await auditor.get('/api/v1/audit?limit=9999&since=yesterday');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['query.limit', 'query.since']);
  assert.equal((await auditor.get('/api/v1/audit?colour=red')).status, 400);
});

test('only auditors read the log, and reading it is audited', async () => {
  assert.equal((await cw.get('/api/v1/audit')).status, 403);
  const r = await auditor.get('/api/v1/audit?action=audit.read&limit=500');
  assert.ok(r.json.items.length >= 1);
});

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// Tampering is tried on copies of the database, one per kind of change.
function tamperedCopy(sql) {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-tamper-'));
  const data = join(dir, 'data');
  spawnSync('cp', ['-a', srv.dataDir, data]);
  const db = join(data, 'lantern.db');
  sqlite(db, 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_rewrite; ' + sql);
  const r = cli(['audit', 'verify', '--data', data]);
  rmSync(dir, { recursive: true, force: true });
  return r;
}

test('audit verify passes an intact log and names the first bad row after tampering', async () => {
  const ok = srv.cli(['audit', 'verify']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /intact: \d+ rows/);

  let r = tamperedCopy("UPDATE audit_log SET outcome = 'denied' WHERE id = 4;");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /first bad row 4: row 4 was changed/);

  r = tamperedCopy('DELETE FROM audit_log WHERE id = 5;');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /first bad row 5/);

  r = tamperedCopy('UPDATE audit_log SET id = -id WHERE id IN (6, 7); UPDATE audit_log SET id = 7 WHERE id = -6; UPDATE audit_log SET id = 6 WHERE id = -7;');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /first bad row 6/);

  r = tamperedCopy('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rows removed from the end/);

  r = tamperedCopy("UPDATE audit_log SET detail = 'x' WHERE id = 3;");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /first bad row 3/);
});

test('the database refuses to change audit rows in place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-trig-'));
  const db = join(dir, 'copy.db');
  spawnSync('sqlite3', [join(srv.dataDir, 'lantern.db'), `.backup ${db}`]);
  const r = spawnSync('sqlite3', [db, 'DELETE FROM audit_log WHERE id = 1;'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /append-only/);
  rmSync(dir, { recursive: true, force: true });
});
