// Idle and absolute session expiry, with short limits set on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLantern, Client } from '../support/lantern.mjs';

const ORG = 'Expiry Center (synthetic)';
const users = [{ username: 'cw-exp', role: 'caseworker', org: ORG, password: 'caseworker-pass-e' }];

test('an idle session ends after --session-idle', async () => {
  const srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users, extraArgs: ['--session-idle', '2s'] });
  try {
    const c = new Client(srv.url);
    const login = await c.login('cw-exp', 'caseworker-pass-e');
    assert.equal(login.json.idle_timeout_seconds, 2, 'the UI learns when to lock');
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.idle_timeout_seconds, 2);
    await sleep(3100);
    assert.equal((await c.get('/api/v1/me')).status, 401);
  } finally { await srv.stop(); }
});

test('an active session outlives a short --session-idle, and ends once idle', async () => {
  const srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users, extraArgs: ['--session-idle', '4s'] });
  try {
    const c = new Client(srv.url);
    await c.login('cw-exp', 'caseworker-pass-e');
    // A request every 1.5 s for 9 s: more than twice the idle limit in all.
    for (let i = 0; i < 6; i++) {
      await sleep(1500);
      const me = await c.get('/api/v1/me');
      assert.equal(me.status, 200, `request ${i + 1}, ${(i + 1) * 1.5} s after login`);
    }
    await sleep(5100);
    assert.equal((await c.get('/api/v1/me')).status, 401);
  } finally { await srv.stop(); }
});

test('an active session still ends after --session-max', async () => {
  const srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users,
    extraArgs: ['--session-idle', '1h', '--session-max', '3s'] });
  try {
    const c = new Client(srv.url);
    await c.login('cw-exp', 'caseworker-pass-e');
    for (let i = 0; i < 3; i++) {
      assert.equal((await c.get('/api/v1/me')).status, 200);
      await sleep(700);
    }
    await sleep(2000);
    assert.equal((await c.get('/api/v1/me')).status, 401);
  } finally { await srv.stop(); }
});

test('bad durations are refused by name', async () => {
  const { cli } = await import('../support/lantern.mjs');
  const r = cli(['serve', '--data', '/nonexistent', '--session-idle', 'soon']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--session-idle: not a duration/);
  const t = cli(['serve', '--data', '/nonexistent', '--threads', '0']);
  assert.equal(t.status, 2);
  assert.match(t.stderr, /--threads must be from 1 to 64/);
});
