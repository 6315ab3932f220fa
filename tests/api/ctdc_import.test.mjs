// CTDC microdata for aggregate-only use (docs/open-data.md, "CTDC import";
// docs/statistics.md, "CTDC microdata"): the CTDC export of a hand-built
// register, imported into a fresh data directory, gives the same figures
// (those CTDC carries) as the register's cases; a bad row is named by line
// and column and nothing is stored; a batch is replaced; unknown columns are
// listed; the figures answer over the API for analysts only, and the import
// is audited with counts. Synthetic people only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, cliOk, startLantern, Client, ADMIN_PASSWORD } from '../support/lantern.mjs';

const ORG = 'CTDC Import Center (synthetic)';
const tmp = mkdtempSync(join(tmpdir(), 'lantern-ctdc-'));
const pw = join(tmp, 'admin.pw');

// The figures CTDC rows can give (docs/statistics.md), compared key by key.
const CTDC_KEYS = ['identified', 'identified_by_exploitation', 'identified_by_sex_age',
  'identified_children', 'identified_foreign', 'identified_citizenship_unknown',
  'identified_by_citizenship', 'identified_country_of_exploitation_unknown',
  'identified_by_country_of_exploitation', 'nationals_exploited_abroad'];

function fresh(name, { org = false } = {}) {
  const dir = join(tmp, name);
  cliOk(['init', '--data', dir, '--admin-password-file', pw]);
  if (org) cliOk(['org', 'add', '--data', dir, '--name', ORG, '--kind', 'ngo']);
  return dir;
}

function c(ref, { sex = 'female', birth = '1996-01-01', cit = ['RS'], forms = ['sexual'],
                  countries = ['RS'], date = '2021-03-01', identified = '2021-04-01' } = {}) {
  const person = { sex, citizenship: cit };
  if (typeof birth === 'string') person.birth_date = birth;
  if (typeof birth === 'number') person.birth_year = birth;
  const d = { ref, person, referral: { date, source: 'police' }, exploitation: forms,
              countries_of_exploitation: countries };
  if (identified) d.identification = { outcome: 'identified', date: identified };
  return d;
}

// One citizenship and one country of exploitation per person (the CTDC row
// carries one of each; docs/statistics.md says how several would differ).
const fixture = [
  c('W1'), c('W2'), c('W3', { forms: ['pornography'] }),
  c('M1', { sex: 'male', birth: 1981, forms: ['forced_labour'], countries: ['DE'] }),
  c('M2', { sex: 'male', birth: 1990, forms: ['forced_begging'], countries: ['AT'] }),
  // Referred in 2020, identified in 2021: counts in 2021.
  c('M3', { sex: 'male', birth: 1985, forms: ['forced_criminality'], date: '2020-11-20',
            identified: '2021-01-15' }),
  c('G1', { birth: '2006-06-01', cit: ['VN'], forms: ['forced_begging', 'sexual'] }),
  c('B1', { sex: 'male', birth: '2010-01-01', cit: ['AL'], forms: ['forced_marriage'], countries: ['AL'] }),
  // Sex unknown; an age is required, so an estimated adult year.
  c('U1', { sex: 'unknown', birth: 1990, cit: [], forms: [], countries: [] }),
  c('U2', { sex: 'other', cit: ['BA'], forms: ['sexual', 'forced_criminality'] }),
  c('P1', { identified: null }),                                         // pending: not identified
  c('O1', { sex: 'male', date: '2020-02-01', identified: '2020-03-01' }), // identified in 2020
];

let main;
let exportFile;
before(() => {
  writeFileSync(pw, ADMIN_PASSWORD + '\n', { mode: 0o600 });
  main = fresh('main', { org: true });
  const file = join(tmp, 'fixture.jsonl');
  writeFileSync(file, fixture.map((d) => JSON.stringify(d)).join('\n') + '\n');
  cliOk(['import', '--data', main, '--org', ORG, file]);
  const r = cli(['export', '--data', main, '--format', 'ctdc', '--k', '1', '--year', '2021']);
  assert.equal(r.status, 0, r.stderr);
  exportFile = join(tmp, 'ctdc-2021.csv');
  writeFileSync(exportFile, r.stdout);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const ctdcStats = (dir, year = '2021') =>
  JSON.parse(cliOk(['stats', '--data', dir, '--year', year, '--source', 'ctdc']));

test('the export, imported, gives the figures of the cases it came from', () => {
  const agg = fresh('agg');
  const r = cli(['import', '--data', agg, '--format', 'ctdc', '--source', 'nrm-2021', '--year',
                 '2021', exportFile]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Stored 10 CTDC rows for source nrm-2021/);
  assert.match(r.stdout, /2021: 10 rows\n/);
  assert.doesNotMatch(r.stdout, /replacing/);
  assert.equal(r.stderr, '');

  const cases = JSON.parse(cliOk(['stats', '--data', main, '--year', '2021']));
  const ctdc = ctdcStats(agg);
  assert.equal(ctdc.source, 'ctdc');
  assert.equal(ctdc.year, 2021);
  for (const k of CTDC_KEYS) assert.deepEqual(ctdc[k], cases[k], k);
  // Nothing else: no figure CTDC rows cannot give, and never a row.
  assert.deepEqual(Object.keys(ctdc), ['year', 'source', ...CTDC_KEYS, 'rows_by_source']);
  assert.deepEqual(ctdc.rows_by_source, { 'nrm-2021': 10 });
  // The fixture's answers, spelled out.
  assert.deepEqual(ctdc.identified_by_exploitation,
                   { sexual: 3, labour: 2, criminality: 1, other: 1, multiple: 2, unknown: 1 });
  assert.deepEqual(ctdc.identified_by_sex_age, { women: 3, men: 3, girls: 1, boys: 1, unknown: 2 });
  assert.equal(ctdc.identified_children, 2);
  assert.equal(ctdc.identified_foreign, 3);
  assert.equal(ctdc.identified_citizenship_unknown, 1);
  assert.equal(ctdc.nationals_exploited_abroad, 2);

  // The rows never became cases.
  const caseFigures = JSON.parse(cliOk(['stats', '--data', agg, '--year', '2021']));
  assert.equal(caseFigures.identified, 0);
  assert.equal(caseFigures.referred, 0);
  // The same figures as CSV, with the source named.
  const csv = cliOk(['stats', '--data', agg, '--year', '2021', '--source', 'ctdc', '--format', 'csv']);
  assert.match(csv, /^figure,key,value\nyear,,2021\nsource,,ctdc\nidentified,,10\n/);
  assert.match(csv, /\nidentified_by_citizenship,VN,1\n/);
  // Another year has none.
  assert.equal(ctdcStats(agg, '2020').identified, 0);

  // Audited with counts, no data.
  const audit = cliOk(['audit', 'list', '--data', agg]).trim().split('\n').map((l) => JSON.parse(l));
  const imp = audit.filter((a) => a.action === 'import.ctdc');
  assert.equal(imp.length, 1);
  assert.equal(imp[0].detail, 'rows=10 batches=1 replaced=0 ignored_columns=0 source=nrm-2021');
  assert.equal(imp[0].actor_kind, 'cli');
  assert.ok(audit.some((a) => a.action === 'stats.annual' && a.detail === 'year=2021 source=ctdc'));
});

test('without --year each row counts in its yearOfRegistration', () => {
  const agg = fresh('by-registration');
  const r = cli(['import', '--data', agg, '--format', 'ctdc', exportFile]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Stored 10 CTDC rows for source default/);
  assert.match(r.stdout, /2021: 9 rows\n {2}2020: 1 row/);
  assert.equal(ctdcStats(agg).identified, 9);
  assert.equal(ctdcStats(agg, '2020').identified, 1); // M3, referred (registered) in 2020
});

test('a bad row is named by line and column, and nothing is stored', () => {
  const agg = fresh('bad');
  const lines = readLines(exportFile);
  const cols = lines[0].split(',');
  const g = cols.indexOf('gender');
  const bad = lines.map((l, i) => {
    if (i !== 7) return l;
    const v = l.split(',');
    v[g] = 'Woman';
    return v.join(',');
  });
  const file = join(tmp, 'bad.csv');
  writeFileSync(file, bad.join('\n') + '\n');
  const r = cli(['import', '--data', agg, '--format', 'ctdc', '--year', '2021', file]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 8: gender: 'Woman' must be one of: Female, Male, Transgender\/NonConforming, -99, Unknown/);
  assert.match(r.stderr, /nothing was stored/);
  assert.equal(r.stdout, '');
  assert.equal(ctdcStats(agg).identified, 0);
  assert.ok(!cliOk(['audit', 'list', '--data', agg]).includes('import.ctdc'));

  // More faults, each named: a missing column, a short row, an unknown year.
  const cases = [
    [lines.map((l) => l.split(',').filter((_, i) => i !== cols.indexOf('citizenship')).join(',')),
     /line 1: citizenship: is missing from the header/],
    [[lines[0], lines[1], lines[2].split(',').slice(0, 10).join(',')],
     /line 3: record: has 10 fields; the header has 63/],
    [[lines[0], '-99' + lines[1].slice(4)], /line 2: yearOfRegistration: is unknown; give --year Y/, []],
    [[lines[0], lines[1].replace(',RS,', ',Serbia,')], /line 2: citizenship: 'Serbia' must be an ISO 3166-1 alpha-2 code/],
    [[lines[0]], /file: has no data rows/],
  ];
  for (const [text, msg, extra = ['--year', '2021']] of cases) {
    writeFileSync(file, text.join('\n') + '\n');
    const x = cli(['import', '--data', agg, '--format', 'ctdc', ...extra, file]);
    assert.equal(x.status, 2, x.stderr);
    assert.match(x.stderr, msg);
    assert.match(x.stderr, /nothing was stored/);
  }
  assert.equal(ctdcStats(agg).identified, 0);
});

test('importing the same source and year again replaces the batch', () => {
  const agg = fresh('replace');
  cliOk(['import', '--data', agg, '--format', 'ctdc', '--source', 'nrm', '--year', '2021', exportFile]);
  const lines = readLines(exportFile);
  const fewer = join(tmp, 'fewer.csv');
  writeFileSync(fewer, lines.slice(0, 5).join('\n') + '\n');
  const r = cli(['import', '--data', agg, '--format', 'ctdc', '--source', 'nrm', '--year', '2021', fewer]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2021: 4 rows, replacing the batch of nrm for 2021 imported before \(10 rows\)/);
  assert.equal(ctdcStats(agg).identified, 4);
  // A bad replacement leaves the batch as it was.
  writeFileSync(fewer, lines[0] + '\n' + lines[1].replace('Case management', 'Census') + '\n');
  const bad = cli(['import', '--data', agg, '--format', 'ctdc', '--source', 'nrm', '--year', '2021', fewer]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /line 2: Datasource: 'Census' must be one of/);
  assert.equal(ctdcStats(agg).identified, 4);
  // Another source adds to the year; both are named with their rows.
  cliOk(['import', '--data', agg, '--format', 'ctdc', '--source', 'ngo-b', '--year', '2021', exportFile]);
  const s = ctdcStats(agg);
  assert.equal(s.identified, 14);
  assert.deepEqual(s.rows_by_source, { 'ngo-b': 10, nrm: 4 });
  const audit = cliOk(['audit', 'list', '--data', agg]);
  assert.match(audit, /"detail":"rows=4 batches=1 replaced=1 ignored_columns=0 source=nrm"/);
});

test('columns that are not CTDC variables are listed and ignored', () => {
  const agg = fresh('unknown-cols');
  const lines = readLines(exportFile);
  const withExtra = lines.map((l, i) => (i === 0 ? `caseNote,${l},regionCode` : `"free, text",${l},x`));
  const file = join(tmp, 'extra.csv');
  writeFileSync(file, withExtra.join('\r\n') + '\r\n');
  const r = cli(['import', '--data', agg, '--format', 'ctdc', '--year', '2021', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /columns that are not CTDC variables, ignored: caseNote, regionCode/);
  assert.equal(ctdcStats(agg).identified, 10);
  assert.match(cliOk(['audit', 'list', '--data', agg]), /ignored_columns=2/);
});

test('a generalised export (k = 3: regions, wider bands) imports too', () => {
  const r = cli(['export', '--data', main, '--format', 'ctdc', '--k', '3', '--year', '2021']);
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').length - 1;
  const file = join(tmp, 'k3.csv');
  writeFileSync(file, r.stdout);
  const agg = fresh('k3');
  const imp = cli(['import', '--data', agg, '--format', 'ctdc', '--year', '2021', file]);
  assert.equal(imp.status, 0, imp.stderr);
  const s = ctdcStats(agg);
  assert.equal(s.identified, rows);
  const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  assert.equal(sum(s.identified_by_exploitation), rows);
  assert.equal(sum(s.identified_by_sex_age), rows);
});

test('bad options are named with exit 2', () => {
  const agg = fresh('options');
  for (const [args, msg] of [
    [['--source', 'two words'], /source: must be 1 to 64 letters/],
    [['--year', '20'], /--year must be a whole number from 1900 to 2999/],
    [['--org', ORG], /--org and --upsert are not for --format ctdc/],
  ]) {
    const r = cli(['import', '--data', agg, '--format', 'ctdc', ...args, exportFile]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, msg);
  }
  const jsonl = cli(['import', '--data', agg, '--org', ORG, '--source', 'x', exportFile]);
  assert.equal(jsonl.status, 2);
  assert.match(jsonl.stderr, /--source and --year are for --format ctdc only/);
  for (const [args, msg] of [
    [['--source', 'census'], /--source must be cases or ctdc/],
    [['--source', 'ctdc', '--format', 'html'], /--source ctdc gives the figures of one --year/],
  ]) {
    const r = cli(['stats', '--data', agg, '--year', '2021', ...args]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, msg);
  }
});

test('the API gives analysts the same counts; other roles are refused', async () => {
  const users = [
    { username: 'ctdc-analyst', role: 'analyst', org: ORG, password: 'analyst-pass-ctdc' },
    { username: 'ctdc-cw', role: 'caseworker', org: ORG, password: 'caseworker-pass-ctdc' },
  ];
  const srv = await startLantern({ orgs: [{ name: ORG, kind: 'ngo' }], users });
  try {
    const imp = srv.cli(['import', '--format', 'ctdc', '--source', 'nrm', '--year', '2021', exportFile]);
    assert.equal(imp.status, 0, imp.stderr);
    const analyst = new Client(srv.url);
    assert.equal((await analyst.login('ctdc-analyst', 'analyst-pass-ctdc')).status, 200);
    const r = await analyst.get('/api/v1/stats/annual?year=2021&source=ctdc');
    assert.equal(r.status, 200, r.text);
    const fromCli = JSON.parse(srv.cli(['stats', '--year', '2021', '--source', 'ctdc']).stdout);
    assert.deepEqual(r.json, fromCli);
    assert.equal(r.json.identified, 10);
    const cases = await analyst.get('/api/v1/stats/annual?year=2021&source=cases');
    assert.equal(cases.status, 200);
    assert.equal(cases.json.identified, 0); // the register itself has no cases
    const bad = await analyst.get('/api/v1/stats/annual?year=2021&source=rows');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.errors.map((e) => e.field), ['query.source']);
    const cw = new Client(srv.url);
    assert.equal((await cw.login('ctdc-cw', 'caseworker-pass-ctdc')).status, 200);
    assert.equal((await cw.get('/api/v1/stats/annual?year=2021&source=ctdc')).status, 403);
    assert.equal((await new Client(srv.url).get('/api/v1/stats/annual?year=2021&source=ctdc')).status, 401);
  } finally {
    await srv.stop();
  }
});

function readLines(file) {
  return readFileSync(file, 'utf8').trim().split('\n');
}
