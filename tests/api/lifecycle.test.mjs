// The command line around the server: init, its refusals, version, and a
// shutdown that finishes the requests in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, statSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { cli, startLantern, Client } from '../support/lantern.mjs';

test('init creates the directory, a private key and prints the admin password once', () => {
  const root = mkdtempSync(join(tmpdir(), 'lantern-init-'));
  const dir = join(root, 'data');
  const r = cli(['init', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/admin password, shown only now: ([A-Za-z0-9]{20})/);
  assert.ok(m, r.stdout);
  assert.equal(statSync(join(dir, 'master.key')).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, 'lantern.db')).mode & 0o077, 0, 'the database is private too');
  assert.ok(readdirSync(dir).includes('lantern.db'));
  const again = cli(['init', '--data', dir]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /already exists/);
  const users = cli(['user', 'list', '--data', dir, '--json']);
  assert.equal(JSON.parse(users.stdout)[0].username, 'admin');
  const existing = join(root, 'existing');
  mkdirSync(existing);
  writeFileSync(join(existing, 'keep.txt'), 'mine');
  assert.equal(cli(['init', '--data', existing]).status, 2);
  assert.deepEqual(readdirSync(existing), ['keep.txt'], 'an existing directory is left untouched');
  rmSync(root, { recursive: true, force: true });
});

test('init defaults to $LANTERN_DATA and refuses a weak admin password file', () => {
  const root = mkdtempSync(join(tmpdir(), 'lantern-env-'));
  const r = cli(['init'], { env: { ...process.env, LANTERN_DATA: join(root, 'd') } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readdirSync(join(root, 'd')).includes('master.key'));
  writeFileSync(join(root, 'weak'), 'short\n');
  const weak = cli(['init', '--data', join(root, 'w'), '--admin-password-file', join(root, 'weak')]);
  assert.equal(weak.status, 2);
  assert.match(weak.stderr, /admin-password: must be at least 12 characters/);
  assert.equal(readdirSync(root).includes('w'), false, 'nothing half-made is left');
  rmSync(root, { recursive: true, force: true });
});

test('commands report a missing data directory and bad usage with non-zero exits', () => {
  const r = cli(['user', 'list', '--data', '/nonexistent/lantern']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no Lantern database/);
  assert.equal(cli(['user', 'frobnicate', '--data', '/tmp']).status, 2);
  assert.equal(cli(['no-such-command']).status, 2);
  assert.equal(cli(['serve', '--listen']).status, 2);
  const v = cli(['version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^lantern \d+\.\d+\.\d+/);
});

test('a master key readable by others is refused', async () => {
  const srv = await startLantern();
  await srv.stop({ keepData: true });
  const { chmodSync } = await import('node:fs');
  chmodSync(join(srv.dataDir, 'master.key'), 0o644);
  const r = cli(['serve', '--data', srv.dataDir, '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /chmod 600/);
  rmSync(join(srv.dataDir, '..'), { recursive: true, force: true });
});

test('SIGTERM lets a request in flight finish, then exits 0', async () => {
  const srv = await startLantern();
  // A request whose body arrives slowly is in flight when the signal comes.
  const sock = net.connect(srv.port, '127.0.0.1');
  await new Promise((r) => sock.on('connect', r));
  let answer = '';
  sock.on('data', (d) => { answer += d; });
  const body = JSON.stringify({ username: 'admin', password: 'admin-password-for-tests' });
  sock.write(`POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  sock.write(body.slice(0, 10));
  await new Promise((r) => setTimeout(r, 300));
  srv.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  sock.write(body.slice(10));
  const res = await srv.exited;
  await new Promise((r) => setTimeout(r, 50));
  sock.destroy();
  assert.equal(res.code, 0);
  assert.match(answer, /^HTTP\/1\.1 200/);
  assert.match(answer, /csrf_token/);
  assert.match(srv.logs(), /"event":"stopped"/);
  await srv.stop();
});

test('logs are JSON lines', async () => {
  const srv = await startLantern();
  await new Client(srv.url).get('/api/v1/health');
  await srv.stop({ keepData: true });
  const lines = srv.logs().trim().split('\n');
  for (const l of lines) assert.doesNotThrow(() => JSON.parse(l), l);
  assert.ok(lines.map((l) => JSON.parse(l)).some((o) => o.event === 'request' && o.route === '/api/v1/health'));
});
