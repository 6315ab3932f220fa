// Open data (docs/open-data.md): the CTDC export's columns and codings on a
// hand-built fixture, k respected, the counts on stderr, the HTCDS round
// trip into a fresh data directory, identity only on request, and bad
// options named with exit 2. Synthetic people only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, cliOk, startLantern, Client, ADMIN_PASSWORD } from '../support/lantern.mjs';

const ORG = 'Open Data Center (synthetic)';
const tmp = mkdtempSync(join(tmpdir(), 'lantern-export-'));
const pw = join(tmp, 'admin.pw');

function fresh(name) {
  const dir = join(tmp, name);
  cliOk(['init', '--data', dir, '--admin-password-file', pw]);
  cliOk(['org', 'add', '--data', dir, '--name', ORG, '--kind', 'ngo']);
  return dir;
}

function c(ref, { sex = 'female', birth, cit = ['RS'], forms = ['sexual'], countries = ['RS'],
                  date = '2021-03-01', identified = '2021-04-01', given }) {
  const person = { sex, citizenship: cit };
  if (given) { person.given_name = given; person.family_name = 'Testović (synthetic)'; }
  if (typeof birth === 'string') person.birth_date = birth;
  if (typeof birth === 'number') person.birth_year = birth;
  const d = { ref, person, referral: { date, source: 'police' }, exploitation: forms,
              countries_of_exploitation: countries };
  if (identified) d.identification = { outcome: 'identified', date: identified };
  return d;
}

// 12 women of 25 (RS, sexual, RS), 12 men of 40 (RS, labour in DE), a
// 17-year-old girl (VN, begging and sexual, in RS), a pending case, and a
// man identified in 2020.
const fixture = [];
for (let i = 0; i < 12; i++) fixture.push(c(`W${i}`, { birth: '1996-01-01', given: `Ana${i}` }));
for (let i = 0; i < 12; i++) {
  fixture.push(c(`M${i}`, { sex: 'male', birth: 1981, forms: ['forced_labour'], countries: ['DE'] }));
}
fixture.push(c('G1', { birth: '2003-06-01', cit: ['VN'], forms: ['forced_begging', 'sexual'] }));
fixture.push(c('P1', { birth: 1990, identified: null }));
fixture.push(c('O1', { sex: 'male', birth: 1985, date: '2020-02-01', identified: '2020-03-01' }));

let data;
before(() => {
  writeFileSync(pw, ADMIN_PASSWORD + '\n', { mode: 0o600 });
  data = fresh('main');
  const file = join(tmp, 'fixture.jsonl');
  writeFileSync(file, fixture.map((d) => JSON.stringify(d)).join('\n') + '\n');
  cliOk(['import', '--data', data, '--org', ORG, file]);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function parse(csv) {
  const [head, ...rows] = csv.trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

test('CTDC: columns and codings with k = 1 (nothing to hide)', () => {
  const r = cli(['export', '--data', data, '--format', 'ctdc', '--k', '1', '--year', '2021']);
  assert.equal(r.status, 0, r.stderr);
  const head = r.stdout.split('\n')[0].split(',');
  assert.equal(head.length, 63);
  assert.deepEqual(head.slice(0, 8), ['yearOfRegistration', 'Datasource', 'gender', 'ageBroad',
    'majorityStatus', 'majorityStatusAtExploit', 'majorityEntry', 'citizenship']);
  assert.equal(head.at(-1), 'isSlaveryAndPractices');
  const rows = parse(r.stdout);
  assert.equal(rows.length, 25); // identified in 2021; not the pending case nor 2020's
  const girl = rows.find((x) => x.citizenship === 'VN');
  assert.equal(girl.gender, 'Female');
  assert.equal(girl.ageBroad, '9--17');
  assert.equal(girl.majorityStatus, 'Minor');
  assert.equal(girl.isForcedLabour, '1');
  assert.equal(girl.isSexualExploit, '1');
  assert.equal(girl.isSexAndLabour, '1');
  assert.equal(girl.typeOfLabourBegging, '1');
  assert.equal(girl.typeOfExploitConcatenated, 'Forced labour;Sexual exploitation');
  assert.equal(girl.meansOfControlDebtBondage, '-99'); // never screened
  assert.equal(girl.CountryOfExploitation, 'RS');
  const man = rows.find((x) => x.gender === 'Male');
  assert.equal(man.ageBroad, '39--47');
  assert.equal(man.CountryOfExploitation, 'DE');
  assert.equal(man.yearOfRegistration, '2021');
  // Nothing identifying: no name, no birth date, no case number, no ref.
  assert.doesNotMatch(r.stdout, /Ana|synthetic|LT-20|1996-01-01|W0/);
  assert.match(r.stderr, /25 identified victims read, k = 1/);
  assert.match(r.stderr, /25 published \(0 of them generalised\), 0 suppressed/);
});

test('CTDC: k = 11 holds for every published combination; counts on stderr', () => {
  const r = cli(['export', '--data', data, '--format', 'ctdc', '--k', '11']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').slice(1);
  const counts = new Map();
  for (const l of lines) counts.set(l, (counts.get(l) || 0) + 1);
  for (const [, n] of counts) assert.ok(n >= 11, `a combination appears ${n} times`);
  // 26 identified persons: the girl and the 2020 man cannot hide among 11.
  assert.match(r.stderr, /26 identified victims read, k = 11/);
  const m = r.stderr.match(/(\d+) published \((\d+) of them generalised\), (\d+) suppressed \(suppression alone would have removed (\d+)\)/);
  assert.ok(m, r.stderr);
  const [, pub, , sup, alone] = m.map(Number);
  assert.equal(pub + sup, 26);
  assert.equal(pub, lines.length);
  assert.ok(sup <= alone);
  assert.ok(pub >= 24, r.stderr);
});

test('CTDC over the API: analysts get the same bytes as the command line, the counts in headers', async () => {
  const users = [{ username: 'od-analyst', password: 'od-analyst-password', role: 'analyst', org: ORG },
                 { username: 'od-worker', password: 'od-worker-password', role: 'caseworker', org: ORG }];
  const srv = await startLantern({ orgs: [{ name: ORG, kind: 'ngo' }], users });
  try {
    const file = join(tmp, 'api-fixture.jsonl');
    writeFileSync(file, fixture.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const imp = srv.cli(['import', '--org', ORG, file]);
    assert.equal(imp.status, 0, imp.stderr);
    const analyst = new Client(srv.url);
    assert.equal((await analyst.login('od-analyst', 'od-analyst-password')).status, 200);
    const r = await analyst.get('/api/v1/export/ctdc?k=11');
    assert.equal(r.status, 200, r.text);
    const line = srv.cli(['export', '--format', 'ctdc', '--k', '11']);
    assert.equal(line.status, 0, line.stderr);
    assert.equal(r.text, line.stdout);
    const m = line.stderr.match(/(\d+) published \((\d+) of them generalised\), (\d+) suppressed/);
    assert.deepEqual([r.headers.get('lantern-records'), r.headers.get('lantern-published'),
                      r.headers.get('lantern-generalised'), r.headers.get('lantern-suppressed')],
                     ['26', m[1], m[2], m[3]]);
    assert.ok(!r.text.includes('Ana0') && !r.text.includes('Testović'), 'no names');
    const audit = srv.cli(['audit', 'list', '--action', 'export.ctdc']);
    assert.match(audit.stdout, /"actor_kind":"user","action":"export.ctdc","outcome":"ok"/);
    const worker = new Client(srv.url);
    assert.equal((await worker.login('od-worker', 'od-worker-password')).status, 200);
    assert.equal((await worker.get('/api/v1/export/ctdc')).status, 403);
  } finally {
    await srv.stop();
  }
});

test('HTCDS: round trip into a fresh data directory gives the same figures', () => {
  const out = cliOk(['export', '--data', data, '--format', 'htcds']);
  assert.doesNotMatch(out, /Ana|1996-01-01/); // no identity by default
  const head = out.split('\n')[0];
  assert.match(head, /^lt_Ref,prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Citizenship,/);
  const file = join(tmp, 'cases.htcds.csv');
  writeFileSync(file, out);
  const other = fresh('other');
  const r = cli(['import', '--data', other, '--org', ORG, '--format', 'htcds', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Stored 27 cases/);
  for (const year of ['2020', '2021']) {
    const a = JSON.parse(cliOk(['stats', '--data', data, '--year', year]));
    const b = JSON.parse(cliOk(['stats', '--data', other, '--year', year]));
    // Alerts follow sealed reasons and other records HTCDS does not carry.
    delete a.open_alerts_by_rule;
    delete b.open_alerts_by_rule;
    assert.deepEqual(b, a);
  }
});

test('HTCDS: identity only with --with-identity', () => {
  const out = cliOk(['export', '--data', data, '--format', 'htcds', '--with-identity']);
  assert.match(out, /Ana0,Testović \(synthetic\),1996-01-01,Feminine/);
  const audit = cliOk(['audit', 'list', '--data', data]);
  assert.match(audit, /export\.htcds\.identity/);
});

test('HTCDS import: all or nothing, the bad record named by line and column', () => {
  const file = join(tmp, 'bad.csv');
  writeFileSync(file, 'lt_Ref,prs_Gender,cas_IncomingReferralDate,vic_TraffickingStatus,vic_AgeWhenTrafficked,prs_MaritalStatus\n' +
    'X1,Feminine,2021-01-02,PossibleVictimOfTrafficking,25,Single\n' +
    'X2,Robot,2021-01-02,PossibleVictimOfTrafficking,25,Single\n');
  const other = fresh('bad');
  const r = cli(['import', '--data', other, '--org', ORG, '--format', 'htcds', file]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not mapped, ignored: prs_MaritalStatus/);
  assert.match(r.stderr, /line 3: prs_Gender: must be one of/);
  assert.match(r.stderr, /nothing was stored/);
  writeFileSync(file, 'lt_Ref,prs_Gender,cas_IncomingReferralDate,vic_TraffickingStatus,vic_AgeWhenTrafficked\n' +
    'X1,Feminine,2021-13-02,PossibleVictimOfTrafficking,25\n');
  const r2 = cli(['import', '--data', other, '--org', ORG, '--format', 'htcds', file]);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /line 2: cas_IncomingReferralDate: /);
  // Neither a birth date nor an age: HTCDS's way of saying the age is not
  // known, kept as such (no year is guessed).
  writeFileSync(file, 'lt_Ref,prs_Gender,prs_Birthdate,cas_IncomingReferralDate,vic_AgeWhenTrafficked\n' +
    'X1,Feminine,,2021-01-02,25\n' +
    'X2,Feminine,1990-02-03,2021-01-02,\n' +
    'X3,Feminine,,2021-01-02,\n');
  const r3 = cli(['import', '--data', other, '--org', ORG, '--format', 'htcds', file]);
  assert.equal(r3.status, 0, r3.stderr);
  assert.match(r3.stdout, /^Stored 3 cases/);
  const back = cli(['export', '--data', other, '--format', 'htcds']);
  assert.equal(back.status, 0, back.stderr);
  const header = back.stdout.split('\n')[0].split(',');
  const x3 = back.stdout.split('\n').find((l) => l.startsWith('X3,')).split(',');
  assert.equal(x3[header.indexOf('vic_AgeWhenTrafficked')], '', 'no age was made up');
  assert.equal(x3[header.indexOf('prs_Birthdate')], '');
  const x1 = back.stdout.split('\n').find((l) => l.startsWith('X1,')).split(',');
  assert.equal(x1[header.indexOf('vic_AgeWhenTrafficked')], '25');
});

test('bad options are named, exit 2', () => {
  const cases = [
    [['--format', 'xml'], /--format must be ctdc or htcds/],
    [['--format', 'ctdc', '--k', '0'], /--k must be a whole number/],
    [['--format', 'ctdc', '--k', 'many'], /--k must be a whole number/],
    [['--format', 'ctdc', '--year', '20'], /--year must be a whole number/],
    [['--format', 'ctdc', '--with-identity'], /--with-identity is for --format htcds only/],
    [['--format', 'htcds', '--k', '5'], /--k must be a whole number .*ctdc only/],
    [['--format', 'ctdc', '--nope'], /nope/],
  ];
  for (const [args, re] of cases) {
    const r = cli(['export', '--data', data, ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, re);
  }
  const r = cli(['import', '--data', data, '--org', ORG, '--format', 'csv', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--format must be jsonl, htcds or ctdc/);
});
