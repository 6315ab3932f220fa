// Identifying fields never reach the disk or the logs in the clear, yet an
// exact-name search finds the person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLantern, Client } from '../support/lantern.mjs';

const ORG = 'Sealed Center (synthetic)';
// An unusual, synthetic name: its bytes occur nowhere by chance.
const GIVEN = 'Qwyzzelda';
const FAMILY = 'Ćvrčkovićžbrqx';

function filesContain(dir, needle) {
  const hits = [];
  for (const f of readdirSync(dir)) {
    const buf = readFileSync(join(dir, f));
    if (buf.includes(Buffer.from(needle, 'utf8'))) hits.push(f);
  }
  return hits;
}

test('a name written through the API is in neither the database files nor the logs', async () => {
  const srv = await startLantern({
    orgs: [{ name: ORG, kind: 'center' }],
    users: [{ username: 'cw-seal', role: 'caseworker', org: ORG, password: 'caseworker-pass-s' }],
  });
  let stopped = false;
  try {
    const c = new Client(srv.url);
    await c.login('cw-seal', 'caseworker-pass-s');
    const created = await c.post('/api/v1/persons', { given_name: GIVEN, family_name: FAMILY, sex: 'female', birth_year: 2003 });
    assert.equal(created.status, 201);
    assert.equal(created.json.given_name, undefined, 'the create answer echoes no identity');

    const found = await c.get('/api/v1/persons?name=' + encodeURIComponent(`${GIVEN} ${FAMILY}`));
    assert.equal(found.status, 200);
    assert.deepEqual(found.json.items.map((p) => p.id), [created.json.id]);
    assert.equal(JSON.stringify(found.json).includes(GIVEN), false, 'lists hold no names');
    const folded = await c.get('/api/v1/persons?name=' + encodeURIComponent(`  ${GIVEN.toUpperCase()}   ${FAMILY.toUpperCase()} `));
    assert.deepEqual(folded.json.items.map((p) => p.id), [created.json.id], 'case and spacing do not matter');
    const byFamily = await c.get('/api/v1/persons?name=' + encodeURIComponent(FAMILY));
    assert.deepEqual(byFamily.json.items.map((p) => p.id), [created.json.id]);
    const miss = await c.get('/api/v1/persons?name=' + encodeURIComponent(`${GIVEN} ${FAMILY}a`));
    assert.deepEqual(miss.json.items, []);
    const one = await c.get(`/api/v1/persons/${created.json.id}`);
    assert.equal(one.json.given_name, GIVEN);
    assert.equal(one.json.family_name, FAMILY);

    // While the server runs, the WAL holds the recent pages: check it too.
    const walFiles = readdirSync(srv.dataDir);
    assert.ok(walFiles.includes('lantern.db-wal'), 'the WAL is there to inspect');
    for (const needle of [GIVEN, FAMILY, GIVEN.toLowerCase(), FAMILY.toLowerCase()]) {
      assert.deepEqual(filesContain(srv.dataDir, needle), [], `no ${needle} in ${walFiles}`);
    }
    const res = await srv.stop({ keepData: true });
    stopped = true;
    assert.equal(res.code, 0);
    for (const needle of [GIVEN, FAMILY]) {
      assert.deepEqual(filesContain(srv.dataDir, needle), []);
      assert.equal(srv.logs().includes(needle), false, 'not in the logs');
      assert.equal(srv.logs().includes(encodeURIComponent(FAMILY)), false);
    }
    assert.ok(srv.logs().includes('"route":"/api/v1/persons"'), 'the logs do record the request');
  } finally {
    if (!stopped) await srv.stop();
  }
});
