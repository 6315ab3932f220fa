// Checks of the UI's files that need no browser: the transliteration, the
// catalogs, the size budget (measured through the real server) and the CSP rules (no inline script or style,
// nothing from another origin, no innerHTML or eval).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { latinToCyrillic, transliterateCatalog } from '../../web/js/translit.js';
import { startLantern } from '../support/lantern.mjs';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const BUDGET = 300 * 1024; // bytes transferred (gzip) for all of web/
const RAW_LIMIT = 600 * 1024; // generous check on the files themselves

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

const catalog = async (name) => JSON.parse(await readFile(path.join(web, 'i18n', `${name}.json`), 'utf8'));
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const pluralBase = (k) => k.replace(/\.(zero|one|two|few|many|other)$/, '');

test('transliteration maps letters and the digraphs lj, nj, dž in every case', () => {
  const cases = {
    'Ljubav LJUBAV ljiljan': 'Љубав ЉУБАВ љиљан',
    'Njegoš NJEGOŠ knjiga': 'Његош ЊЕГОШ књига',
    'Džep DŽEP hodža': 'Џеп ЏЕП хоџа',
    'Čačak Šabac Đorđe Ćuprija Žabalj': 'Чачак Шабац Ђорђе Ћуприја Жабаљ',
    'žrtva trgovine ljudima': 'жртва трговине људима',
    'razumni osnovi': 'разумни основи',
    'period oporavka i razmišljanja': 'период опоравка и размишљања',
    'injekcija, konjugacija, nadživeti, odžak': 'инјекција, конјугација, надживети, оџак',
  };
  for (const [latin, cyrillic] of Object.entries(cases)) assert.equal(latinToCyrillic(latin), cyrillic);
});

test('transliteration leaves placeholders, addresses and foreign letters alone', () => {
  assert.equal(latinToCyrillic('Prijavljeni ste kao {user}.'), 'Пријављени сте као {user}.');
  assert.equal(latinToCyrillic('Vidi https://example.org/lj/nj'), 'Види https://example.org/lj/nj');
  assert.equal(latinToCyrillic('Pišite na pomoc@example.rs'), 'Пишите на pomoc@example.rs');
  assert.equal(latinToCyrillic('qwxy 12:30'), 'qwxy 12:30');
  assert.equal(latinToCyrillic('z\u030Cena'), 'жена', 'a decomposed ž is normalised first');
});

test('the catalogs have the same messages with the same placeholders', async () => {
  const en = await catalog('en');
  const sr = await catalog('sr-Latn');
  const enBases = new Set(Object.keys(en).map(pluralBase));
  const srBases = new Set(Object.keys(sr).map(pluralBase));
  assert.deepEqual([...enBases].filter((k) => !srBases.has(k)), [], 'missing in sr-Latn.json');
  assert.deepEqual([...srBases].filter((k) => !enBases.has(k)), [], 'only in sr-Latn.json');
  for (const [k, v] of Object.entries(sr)) {
    const ref = en[k] ?? en[`${pluralBase(k)}.other`];
    assert.deepEqual(placeholders(v), placeholders(ref), `placeholders of ${k}`);
    assert.ok(v.trim(), `${k} is empty`);
  }
  for (const k of Object.keys(sr).filter((x) => x !== pluralBase(x))) {
    assert.ok(`${pluralBase(k)}.other` in sr, `${k} needs an .other form`);
  }
  const cyr = transliterateCatalog(sr);
  for (const [k, v] of Object.entries(cyr)) {
    const rest = v.replace(/\{\w+\}/g, '').replace(/[A-Z]{2,}/g, '');
    assert.doesNotMatch(rest, /[a-zčćđšž]/i, `${k} still has Latin letters in Cyrillic: ${v}`);
  }
});

test('the Serbian catalog is ekavian', async () => {
  const sr = Object.values(await catalog('sr-Latn')).join(' ');
  for (const word of ['vrijeme', 'riječ', 'poslije', 'uspješ', 'mjesto', 'provjer', 'ponovno']) {
    assert.ok(!sr.toLowerCase().includes(word), `ijekavian or Croatian form "${word}"`);
  }
});

// The budget is what a browser downloads: every file of web/ fetched from the
// real server with Accept-Encoding: gzip, counting the body bytes on the wire
// (both catalogs included, though a browser fetches only one).
test('the UI stays within its size budget (bytes transferred)', async () => {
  const srv = await startLantern();
  try {
    let wire = 0;
    let raw = 0;
    for (const f of await files(web)) {
      const rel = path.relative(web, f).split(path.sep).join('/');
      const body = await new Promise((resolve, reject) => {
        http.get(`${srv.url}/${rel}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks = [];
          res.on('data', (d) => chunks.push(d));
          res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks))
            : reject(new Error(`${rel}: ${res.statusCode}`))));
        }).on('error', reject);
      });
      wire += body.length;
      raw += (await stat(f)).size;
    }
    console.log(`web/ transfers ${wire} bytes (budget ${BUDGET}); ${raw} bytes uncompressed (limit ${RAW_LIMIT})`);
    assert.ok(wire < BUDGET, `web/ transfers ${wire} bytes, over the ${BUDGET} budget`);
    assert.ok(raw < RAW_LIMIT, `web/ is ${raw} bytes uncompressed, over the ${RAW_LIMIT} limit`);
  } finally {
    await srv.stop();
  }
});

test('the UI obeys the CSP and loads nothing from elsewhere', async () => {
  for (const f of await files(web)) {
    const rel = path.relative(web, f);
    if (!/\.(html|js|css|json|svg)$/.test(f)) continue;
    const source = await readFile(f, 'utf8');
    const text = /\.(js|css)$/.test(f) ? source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '') : source;
    if (rel.endsWith('.html')) {
      assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${rel}: inline <script>`);
      assert.doesNotMatch(text, /<style|\sstyle=|\son[a-z]+=/i, `${rel}: inline style or handler`);
    }
    if (rel.endsWith('.js')) {
      assert.doesNotMatch(text, /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/, `${rel}: unsafe DOM or eval`);
      assert.doesNotMatch(text, /setAttribute\(\s*['"]style['"]/, `${rel}: style attribute`);
    }
    const external = text.match(/(?:src|href|url\()\s*=?\s*["']?(?:https?:)?\/\/[^"')\s]+/gi);
    assert.equal(external, null, `${rel}: loads from another origin: ${external}`);
    if (rel.endsWith('.css')) assert.doesNotMatch(text, /@import|@font-face/, `${rel}: @import or web font`);
  }
});

test('every message key the code names literally is in the catalogs', async () => {
  const en = await catalog('en');
  const has = (k) => k in en || `${k}.other` in en;
  const missing = [];
  for (const f of await files(web)) {
    if (!f.endsWith('.js')) continue;
    const source = await readFile(f, 'utf8');
    for (const m of source.matchAll(/\btn?\(\s*'([a-zA-Z][\w.]*)'/g)) {
      if (!has(m[1])) missing.push(`${path.relative(web, f)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the new-referral draft never lists an identifying field', async () => {
  const source = await readFile(path.join(web, 'js', 'views', 'casenew.js'), 'utf8');
  const list = source.match(/const DRAFT_FIELDS = \[([\s\S]*?)\];/);
  assert.ok(list, 'DRAFT_FIELDS is declared');
  const fields = [...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  assert.ok(fields.includes('person.sex') && fields.includes('referral.source'));
  for (const secret of ['given_name', 'family_name', 'birth_date', 'birth_year']) {
    assert.ok(!fields.some((x) => x.includes(secret)), `the draft would keep ${secret}`);
  }
});
