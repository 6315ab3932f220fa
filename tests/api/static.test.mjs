// The UI's files are sent gzip-compressed when the request allows it (the
// copy is made at build time by tools/embed.c), and as they are otherwise.
// Raw node:http requests, so that nothing decompresses behind our back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { startLantern } from '../support/lantern.mjs';

const web = new URL('../../web/', import.meta.url);
let srv;

before(async () => { srv = await startLantern(); });
after(async () => { await srv?.stop(); });

/** GET (or METHOD) PATH with HEADERS; resolves {status, headers, body: Buffer}. */
function raw(path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(`${srv.url}${path}`, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('gzip is sent when accepted, and unpacks to the very file', async () => {
  for (const name of ['index.html', 'app.css', 'app.js', 'i18n/en.json', 'js/views/case.js']) {
    const file = await readFile(new URL(name, web));
    const r = await raw(`/${name}`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip', name);
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.ok(r.body.length < file.length, `${name}: ${r.body.length} >= ${file.length}`);
    assert.deepEqual(gunzipSync(r.body), file, `${name} unpacks to the file`);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.match(r.headers['content-security-policy'], /script-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }
});

test('plain bytes without Accept-Encoding, still with Vary', async () => {
  const file = await readFile(new URL('app.css', web));
  const r = await raw('/app.css');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.deepEqual(r.body, file);
  assert.match(r.headers['content-type'], /^text\/css/);
});

test('Accept-Encoding is parsed: q=0 refuses, other codings do not count, * counts', async () => {
  const cases = [
    ['gzip;q=0', false], ['gzip; q=0.000', false], ['GZIP;Q=0.0, br', false],
    ['br, deflate', false], ['identity', false], ['gzipx', false], ['*;q=0', false],
    ['gzip;q=0, *', false], ['x-gzip', true], ['br;q=1, gzip;q=0.5', true],
    ['gzip;q=0.001', true], ['*', true], ['deflate, *;q=0.1', true], ['Gzip', true],
    ['identity;q=1, gzip ; q=1.0', true],
  ];
  const file = await readFile(new URL('app.js', web));
  for (const [header, gz] of cases) {
    const r = await raw('/app.js', { 'accept-encoding': header });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], gz ? 'gzip' : undefined, header);
    assert.deepEqual(gz ? gunzipSync(r.body) : r.body, file, header);
  }
});

test('HEAD answers the same headers without a body', async () => {
  const r = await raw('/app.js', { 'accept-encoding': 'gzip' }, 'HEAD');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal(r.body.length, 0);
});

test('the API is not affected', async () => {
  const r = await raw('/api/v1/me', { 'accept-encoding': 'gzip' });
  assert.equal(r.status, 401);
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.headers.vary, undefined);
  assert.equal(JSON.parse(r.body.toString()).status, 401);
});
