// Group cases (the mass-case view): a site, an employer and a recruitment
// chain with sealed names; members attached from existing cases or created
// from a CSV of 500 people in one transaction (a bad row rejects them all);
// the group page with its members and counts by status; scope.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLantern, Client, ADMIN_PASSWORD } from '../support/lantern.mjs';

const A = 'Groups Center A (synthetic)', B = 'Groups NGO B (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'coord', role: 'coordinator', org: B, password: 'coordinator-pass' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
  { username: 'auditor', role: 'auditor', org: A, password: 'auditor-pass-123' },
];
let srv, group;
const as = {};
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field).sort();
const HEADER = 'ref,given_name,family_name,sex,birth_date,birth_year,citizenship,referral_date,source,exploitation,countries_of_exploitation';

function csvRows(n, { prefix = 'SYN', bad = {} } = {}) {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++) {
    const cells = [`${prefix}-${String(i).padStart(4, '0')}`, `Sinteza${i}`, 'Radnik', i % 5 ? 'male' : 'female', '',
      String(1980 + (i % 20)), i % 7 ? 'VN' : 'VN;IN', '2021-11-20', 'labour_inspection', 'forced_labour', 'RS'];
    if (bad[i]) Object.assign(cells, bad[i]);
    lines.push(cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
const postCsv = (who, id, text, type = 'text/csv; charset=utf-8') =>
  as[who].request('POST', `/api/v1/groups/${id}/members`, { raw: text, headers: { 'content-type': type } });
async function newCase(who, sex = 'male') {
  const r = await as[who].post('/api/v1/cases', {
    person: { sex, birth_year: 1992, citizenship: ['VN'] }, referral: { date: '2021-11-22', source: 'ngo' }, exploitation: ['forced_labour'],
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

before(async () => {
  srv = await startLantern({ orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  as.admin = new Client(srv.url);
  assert.equal((await as.admin.login('admin', ADMIN_PASSWORD)).status, 200);
});
after(async () => { await srv?.stop(); });

test('a group with its site, employer and recruitment chain; names sealed and shown to the owner', async () => {
  const r = await as['cw-a'].post('/api/v1/groups', {
    name: 'Tyre factory site, 2021 (synthetic)', site: 'Industrial zone (synthetic)', country: 'RS',
    employer: 'Tyre Works Ltd (synthetic)', sector: 'manufacturing',
    recruiters: [
      { role: 'agency', name: 'Nguyen Van Giaphong (synthetic)', country: 'VN' },
      { role: 'transporter', country: 'VN' },
      { role: 'intermediary', name: 'Posrednik Sintetić', country: 'RS' },
      { role: 'employer', name: 'Subcontractor d.o.o. (synthetic)', country: 'RS' },
    ],
  });
  assert.equal(r.status, 201, r.text);
  group = r.json;
  assert.equal(group.organisation.name, A);
  assert.equal(group.employer, 'Tyre Works Ltd (synthetic)');
  assert.deepEqual(group.recruiters.map((x) => [x.position, x.role, x.name, x.country]), [
    [1, 'agency', 'Nguyen Van Giaphong (synthetic)', 'VN'], [2, 'transporter', null, 'VN'],
    [3, 'intermediary', 'Posrednik Sintetić', 'RS'], [4, 'employer', 'Subcontractor d.o.o. (synthetic)', 'RS'],
  ]);
  assert.equal(group.member_count, 0);
  assert.deepEqual(group.members, []);
  assert.deepEqual(group.counts_by_status, { referred: 0, under_assessment: 0, identified: 0, not_identified: 0, closed: 0 });
  // Sealed at rest: the name is not in the database file.
  const files = readdirSync(srv.dataDir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name);
  const raw = files.map((f) => readFileSync(join(srv.dataDir, f)).toString('latin1')).join('');
  assert.ok(files.length > 0);
  assert.ok(!raw.includes('Giaphong'), 'recruiter names are sealed');
  const audit = (await as.auditor.get(`/api/v1/audit?object_type=group&object_id=${group.id}`)).json.items;
  assert.equal(audit[0].action, 'group.create');
  assert.equal(audit[0].detail, 'recruiters=4');
});

test('groups: each bad input is named', async () => {
  let r = await as['cw-a'].post('/api/v1/groups', { site: 'x' });
  assert.deepEqual(fields(r), ['name']);
  r = await as['cw-a'].post('/api/v1/groups', {
    name: ' ', country: 'XX', recruiters: [{ role: 'boss', country: 'ZZ' }, { name: 'n' }, { role: 'agency', phone: '1' }],
  });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['country', 'name', 'recruiters[0].country', 'recruiters[0].role', 'recruiters[1].role', 'recruiters[2].phone']);
  r = await as['cw-a'].post('/api/v1/groups', { name: 'g', recruiters: 'agency', colour: 1 });
  assert.deepEqual(fields(r), ['colour', 'recruiters']);
  assert.equal((await as.analyst.post('/api/v1/groups', { name: 'g' })).status, 403);
  assert.equal((await as.admin.post('/api/v1/groups', { name: 'g' })).status, 403);
});

test('scope: the owning organisation and coordinators see a group, others get 404', async () => {
  const other = await as['cw-b'].post('/api/v1/groups', { name: 'NGO B group (synthetic)' });
  assert.equal(other.status, 201);
  const mine = (await as['cw-a'].get('/api/v1/groups')).json.items.map((g) => g.id);
  assert.ok(mine.includes(group.id) && !mine.includes(other.json.id));
  const all = (await as.coord.get('/api/v1/groups')).json.items.map((g) => g.id);
  assert.ok(all.includes(group.id) && all.includes(other.json.id));
  assert.equal((await as['cw-b'].get(`/api/v1/groups/${group.id}`)).status, 404);
  assert.equal((await as['cw-a'].get(`/api/v1/groups/${other.json.id}`)).status, 404);
  assert.equal((await as['cw-a'].get('/api/v1/groups/999999')).status, 404);
  assert.equal((await as['cw-b'].post(`/api/v1/groups/${group.id}/members`, { case_ids: [1] })).status, 404);
  assert.equal((await postCsv('cw-b', group.id, csvRows(1))).status, 404);
  const seen = await as.coord.get(`/api/v1/groups/${group.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.recruiters[0].name, 'Nguyen Van Giaphong (synthetic)', 'coordinators see the chain');
  assert.equal((await as.analyst.get('/api/v1/groups')).status, 403);
  assert.equal((await as.analyst.get(`/api/v1/groups/${group.id}`)).status, 403);
  const audit = (await as.auditor.get('/api/v1/audit?action=group.read&limit=500')).json.items;
  assert.ok(audit.some((x) => x.object_id === group.id && x.outcome === 'denied'));
  assert.ok(audit.some((x) => x.object_id === group.id && x.outcome === 'ok'));
});

test('attach existing cases: all or none, each fault named by its index', async () => {
  const [c1, c2, c3] = [await newCase('cw-a'), await newCase('cw-a', 'female'), await newCase('cw-a')];
  const foreign = await newCase('cw-b');
  const url = `/api/v1/groups/${group.id}/members`;
  let r = await as['cw-a'].post(url, { case_ids: [c3, 999999, foreign, c3, 'x'] });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['case_ids[1]', 'case_ids[2]', 'case_ids[3]', 'case_ids[4]']);
  assert.match(r.json.detail, /No case was attached/);
  assert.equal((await as['cw-a'].get(`/api/v1/groups/${group.id}`)).json.member_count, 0, 'nothing half-written');
  assert.deepEqual(fields(await as['cw-a'].post(url, { case_ids: [] })), ['case_ids']);
  assert.deepEqual(fields(await as['cw-a'].post(url, {})), ['case_ids']);

  r = await as['cw-a'].post(url, { case_ids: [c1, c2] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.member_count, 2);
  assert.deepEqual(r.json.members.map((m) => m.id), [c1, c2]);
  assert.deepEqual(Object.keys(r.json.members[0]).sort(), ['case_number', 'child', 'id', 'identification', 'sex', 'status']);
  assert.deepEqual(r.json.members.map((m) => [m.sex, m.child, m.status, m.identification]),
    [['male', false, 'referred', 'pending'], ['female', false, 'referred', 'pending']]);
  assert.equal(r.json.counts_by_status.referred, 2);
  const c = (await as['cw-a'].get(`/api/v1/cases/${c1}`)).json;
  assert.equal(c.group_id, group.id);
  assert.deepEqual(c.timeline.at(-1).detail, { group_id: group.id });
  assert.equal(c.timeline.at(-1).kind, 'group');
  // Attaching again changes nothing; a case in another group is refused.
  r = await as['cw-a'].post(url, { case_ids: [c1] });
  assert.equal(r.json.member_count, 2);
  const g2 = (await as['cw-a'].post('/api/v1/groups', { name: 'Second site (synthetic)' })).json;
  r = await as['cw-a'].post(`/api/v1/groups/${g2.id}/members`, { case_ids: [c1] });
  assert.deepEqual(fields(r), ['case_ids[0]']);
  assert.match(r.json.errors[0].reason, /in group \d+ already/);
  // A decision moves the counts.
  await as['cw-a'].post(`/api/v1/cases/${c2}/transitions`, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-11-25', reasons: 'Passports withheld (synthetic).' });
  r = await as['cw-a'].get(`/api/v1/groups/${group.id}`);
  assert.deepEqual(r.json.counts_by_status, { referred: 1, under_assessment: 1, identified: 0, not_identified: 0, closed: 0 });
  // A coordinator attaches another organisation's case; the owner's case
  // workers count it but do not see it listed.
  r = await as.coord.post(url, { case_ids: [foreign] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.members.length, 3);
  r = await as['cw-a'].get(`/api/v1/groups/${group.id}`);
  assert.equal(r.json.member_count, 3);
  assert.equal(r.json.members.length, 2);
  assert.equal(r.json.members_not_shown, 1);
  const audit = (await as.auditor.get(`/api/v1/audit?action=group.attach&object_id=${group.id}`)).json.items;
  assert.deepEqual(audit.map((x) => x.detail), ['attached=2', 'attached=0', 'attached=1']);
});

test('CSV: 500 people become 500 cases of the group in one go', async () => {
  const { member_count: before, counts_by_status: counts } = (await as['cw-a'].get(`/api/v1/groups/${group.id}`)).json;
  const text = csvRows(500);
  assert.ok(text.length < 1024 * 1024);
  const t0 = Date.now();
  const r = await postCsv('cw-a', group.id, text);
  const ms = Date.now() - t0;
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.created, 500);
  assert.equal(r.json.member_count, before + 500);
  assert.equal(r.json.counts_by_status.referred, counts.referred + 500);
  assert.ok(!r.text.includes('Sinteza'), 'no names on the group page');
  const list = await as['cw-a'].get(`/api/v1/cases?group=${group.id}&citizenship=IN&per_page=200`);
  assert.equal(list.json.total, 71, 'every 7th row has two citizenships: 500 / 7 = 71');
  const one = list.json.items[0];
  assert.deepEqual(one.exploitation, ['forced_labour']);
  const full = (await as['cw-a'].get(`/api/v1/cases/${one.id}`)).json;
  assert.deepEqual(full.person.citizenship, ['IN', 'VN']);
  assert.equal(full.group_id, group.id);
  assert.match(full.ref, /^SYN-\d{4}$/);
  assert.deepEqual(full.timeline.map((e) => e.kind), ['referral', 'group']);
  const id = (await as['cw-a'].get(`/api/v1/cases/${one.id}/identity`)).json;
  assert.match(id.given_name, /^Sinteza\d+$/);
  const audit = (await as.auditor.get(`/api/v1/audit?action=group.attach&object_id=${group.id}`)).json.items;
  assert.equal(audit.at(-1).detail, 'created=500', 'one audit row for the whole attach');
  console.log(`# 500 CSV rows stored in ${ms} ms`);
});

test('CSV: a bad row 250 rejects all 500 rows, naming the row and the column', async () => {
  const before = (await as['cw-a'].get(`/api/v1/groups/${group.id}`)).json.member_count;
  const casesBefore = (await as['cw-a'].get('/api/v1/cases?per_page=1')).json.total;
  const r = await postCsv('cw-a', group.id, csvRows(500, { prefix: 'BAD', bad: { 250: { 3: 'dragon' } } }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['row 250: sex']);
  assert.match(r.json.errors[0].reason, /must be one of: female, male/);
  assert.match(r.json.detail, /No row was stored: errors in 1 of 500 rows \(the first is row 250\)/);
  assert.equal((await as['cw-a'].get(`/api/v1/groups/${group.id}`)).json.member_count, before);
  assert.equal((await as['cw-a'].get('/api/v1/cases?per_page=1')).json.total, casesBefore, 'no case half-written');
  // The same rows without the fault go in, so nothing of the failed attempt was kept.
  assert.equal((await postCsv('cw-a', group.id, csvRows(3, { prefix: 'BAD' }))).status, 201);
});

test('CSV: every kind of fault is named', async () => {
  const id = group.id;
  let r = await postCsv('cw-a', id, csvRows(8, { prefix: 'F', bad: {
    3: { 5: 'nineteen ninety' }, 5: { 6: 'XX;VN', 9: 'juggling' }, 6: { 7: '2021-13-01' }, 8: { 0: 'F-0007' },
  } }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.errors.map((e) => e.field), [
    'row 3: birth_year', 'row 5: citizenship', 'row 5: exploitation', 'row 6: referral_date', 'row 8: ref']);
  assert.match(r.json.detail, /errors in 4 of 8 rows \(the first is row 3\)/);
  r = await postCsv('cw-a', id, `${HEADER},shoe_size\r\n`);
  assert.deepEqual(fields(r), ['header']);
  assert.match(r.json.errors[0].reason, /'shoe_size' is not a column/);
  r = await postCsv('cw-a', id, 'ref,given_name,birth_year\r\nX,Y,1990\r\n');
  assert.deepEqual(r.json.errors.map((e) => e.reason), ["lacks the column 'sex'", "lacks the column 'referral_date'", "lacks the column 'source'"]);
  // Only the required columns, in another order, are enough; an age (birth
  // date or year) is required in every row.
  r = await postCsv('cw-a', id, 'source,sex,referral_date\r\nngo,female,2021-11-21\r\n');
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['row 1: birth_year']);
  // The reason speaks of the CSV's columns, not of the case document's paths.
  assert.equal(r.json.errors[0].reason, 'is required when birth_date is not given (an estimated year with age_uncertain true will do; if nothing is known of the age, age_uncertain true alone)');
  r = await postCsv('cw-a', id, 'source,sex,birth_date,birth_year,referral_date\r\nngo,female,1990-05-01,1991,2021-11-21\r\n');
  assert.deepEqual(r.json.errors, [{ field: 'row 1: birth_year', reason: 'does not match birth_date (1990)' }]);
  assert.ok(r.json.errors.every((e) => !/person\.|referral\./.test(e.reason)), r.text);
  r = await postCsv('cw-a', id, 'source,sex,birth_year,referral_date\r\nngo,female,1990,2021-11-21\r\n');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.created, 1);
  // In a mass case the ages may not be known yet: said so per row.
  r = await postCsv('cw-a', id, 'source,sex,age_uncertain,referral_date\r\nngo,male,maybe,2021-11-21\r\n');
  assert.deepEqual(fields(r), ['row 1: age_uncertain']);
  r = await postCsv('cw-a', id, 'source,sex,age_uncertain,referral_date\r\nngo,male,yes,2021-11-21\r\nngo,male,no,2021-11-21\r\n');
  assert.deepEqual(fields(r), ['row 2: birth_year'], 'no is not an unknown age');
  r = await postCsv('cw-a', id, 'source,sex,age_uncertain,referral_date\r\nngo,male,true,2021-11-21\r\n');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.created, 1);
  r = await postCsv('cw-a', id, 'source,sex,referral_date\r\nngo,female\r\n');
  assert.deepEqual(fields(r), ['row 1: (row)']);
  r = await postCsv('cw-a', id, 'source,sex,referral_date\r\nngo,"female,2021-11-21\r\n');
  assert.equal(r.status, 400);
  assert.match(r.json.detail, /Malformed CSV at byte \d+/);
  assert.equal(typeof r.json.offset, 'number');
  r = await postCsv('cw-a', id, '');
  assert.deepEqual(fields(r), ['(body)']);
  r = await postCsv('cw-a', id, 'source,sex,referral_date\r\n');
  assert.deepEqual(fields(r), ['(body)']);
  r = await postCsv('cw-a', id, 'source,sex,referral_date\r\nngo,female,2021-11-21\r\n', 'text/plain');
  assert.equal(r.status, 400);
  assert.match(r.json.detail, /text\/csv/);
  assert.equal((await postCsv('analyst', id, csvRows(1))).status, 403);
});
