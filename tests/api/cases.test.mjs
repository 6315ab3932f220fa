// Cases: the referral document, the state machine, the timeline, identity
// on request, list filters, scope, and the all-or-nothing import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startLantern, Client, cli, ADMIN_PASSWORD } from '../support/lantern.mjs';

const A = 'Cases Center A (synthetic)', B = 'Cases NGO B (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
];
let srv;
const as = {};
const tmp = mkdtempSync(join(tmpdir(), 'lantern-cases-'));

// Synthetic people only.
function doc(over = {}) {
  return {
    person: { given_name: 'Sintetika', family_name: 'Primerić', sex: 'female', birth_date: '2004-05-01', citizenship: ['RS'] },
    referral: { date: '2021-03-04', source: 'police', organisation: 'Police Directorate (synthetic)' },
    exploitation: ['sexual'],
    countries_of_exploitation: ['RS'],
    ...over,
  };
}

before(async () => {
  srv = await startLantern({ orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
});
after(async () => { await srv?.stop(); rmSync(tmp, { recursive: true, force: true }); });

test('a referral becomes a case with a readable number and no identity in the answer', async () => {
  const r = await as['cw-a'].post('/api/v1/cases', doc({ ref: 'EXT-1' }));
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.case_number, /^LT-2021-\d{6}$/);
  assert.equal(r.json.status, 'referred');
  assert.equal(r.json.person.child, true, '16 on the referral date');
  assert.equal(r.json.person.age_at_referral, 16);
  assert.deepEqual(r.json.person.citizenship, ['RS']);
  assert.equal(r.json.organisation.name, A);
  assert.equal(r.json.identification.outcome, 'pending');
  assert.equal(r.json.timeline[0].kind, 'referral');
  assert.ok(!JSON.stringify(r.json).includes('Sintetika'), 'no name in the case');
  const again = await as['cw-a'].post('/api/v1/cases', doc({ ref: 'EXT-1' }));
  assert.equal(again.status, 400);
  assert.equal(again.json.errors[0].field, 'ref');
});

test('text at the length limit is kept whole, multibyte letters included', async () => {
  const org = 'ž'.repeat(80); // 160 bytes, the limit
  const r = await as['cw-a'].post('/api/v1/cases', doc({ referral: { date: '2021-03-04', source: 'ngo', organisation: org } }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.referral.organisation, org);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${r.json.id}`)).json.referral.organisation, org);
  const over = await as['cw-a'].post('/api/v1/cases', doc({ referral: { date: '2021-03-04', source: 'ngo', organisation: org + 'a' } }));
  assert.equal(over.status, 400);
  assert.equal(over.json.errors[0].field, 'referral.organisation');
});

test('age: birth year alone counts referral year minus birth year', async () => {
  const eighteen = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 2003 } }));
  assert.equal(eighteen.json.person.child, false);
  const seventeen = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 2004 } }));
  assert.equal(seventeen.json.person.child, true);
  const day_before = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_date: '2003-03-05' } }));
  assert.equal(day_before.json.person.age_at_referral, 17, 'the 18th birthday is the day after referral');
  // Neither a birth date nor a year: refused, since who decides and what
  // protection applies turn on whether the person is a child.
  const before = (await as.coord.get('/api/v1/cases?per_page=1')).json.total;
  const unknown = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'unknown' } }));
  assert.equal(unknown.status, 400, unknown.text);
  assert.deepEqual(unknown.json.errors, [{ field: 'person.birth_year',
    reason: 'is required when person.birth_date is not given (an estimated year with age_uncertain true will do; if nothing is known of the age, age_uncertain true alone)' }]);
  const nulls = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'unknown', birth_date: null, birth_year: null } }));
  assert.equal(nulls.status, 400);
  assert.deepEqual(nulls.json.errors.map((e) => e.field), ['person.birth_year']);
  assert.equal((await as.coord.get('/api/v1/cases?per_page=1')).json.total, before, 'nothing stored');
  // An estimate flagged uncertain will do.
  const estimated = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'unknown', birth_year: 2006, age_uncertain: true } }));
  assert.equal(estimated.status, 201, estimated.text);
  assert.equal(estimated.json.person.child, true);
  assert.equal(estimated.json.person.age_uncertain, true);
  // An age nobody knows is said so, and reads as unknown, not as an adult.
  const unknownAge = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'unknown', age_uncertain: true } }));
  assert.equal(unknownAge.status, 201, unknownAge.text);
  assert.equal(unknownAge.json.person.child, null);
  assert.equal(unknownAge.json.person.age_uncertain, true);
  const saidNo = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'unknown', age_uncertain: false } }));
  assert.deepEqual(saidNo.json.errors.map((e) => e.field), ['person.birth_year'], 'age_uncertain false is not a statement of an unknown age');
});

test('bad documents are refused naming every field', async () => {
  const r = await as['cw-a'].post('/api/v1/cases', {
    person: { sex: 'dragon', birth_date: '2004-02-30', citizenship: ['RS', 'XX'], nickname: 'x' },
    referral: { date: '2999-01-01', source: 'rumour' },
    exploitation: ['sexual', 'juggling'],
  });
  assert.equal(r.status, 400);
  const fields = r.json.errors.map((e) => e.field).sort();
  // An object with a stranger in it is not read further; its siblings are.
  assert.deepEqual(fields, ['exploitation[1]', 'person.nickname', 'referral.date', 'referral.source']);
  const r2 = await as['cw-a'].post('/api/v1/cases', {
    person: { sex: 'dragon', birth_date: '2004-02-30', citizenship: ['RS', 'XX'] },
    referral: { date: '2999-01-01', source: 'rumour' },
    exploitation: ['sexual', 'juggling'],
  });
  assert.deepEqual(r2.json.errors.map((e) => e.field).sort(), [
    'exploitation[1]', 'person.birth_date', 'person.citizenship[1]', 'person.sex', 'referral.date', 'referral.source',
  ]);
  const r3 = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_date: '2004-05-01', birth_year: 2005 } }));
  assert.equal(r3.json.errors[0].field, 'person.birth_year');
  const r4 = await as['cw-a'].post('/api/v1/cases', doc({ identification: { outcome: 'identified' } }));
  assert.equal(r4.json.errors[0].field, 'identification.date');
  const r5 = await as['cw-a'].post('/api/v1/cases', { referral: { date: '2021-01-01', source: 'self' } });
  assert.equal(r5.json.errors[0].field, 'person');
});

test('the state machine: decisions with reasons, 409 for illegal moves, the timeline', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1990 } }))).json;
  assert.deepEqual(c.next_actions, ['reasonable_grounds', 'identify', 'close']);
  const url = `/api/v1/cases/${c.id}/transitions`;
  let r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-05' });
  assert.equal(r.status, 400);
  assert.equal(r.json.errors[0].field, 'reasons');
  r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'maybe', date: '2021-03-05', reasons: 'x' });
  assert.equal(r.json.errors[0].field, 'outcome');
  r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-01', reasons: 'Indicators present.' });
  assert.equal(r.json.errors[0].field, 'date', 'not before the referral');
  r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-05', reasons: 'Indicators of deception and control (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'under_assessment');
  assert.equal(r.json.reasonable_grounds.outcome, 'positive');
  r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-06', reasons: 'again' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /decided once/);
  r = await as['cw-a'].post(url, { action: 'identify', outcome: 'identified', date: '2021-04-01', reasons: 'Assessment by the panel (synthetic).' });
  assert.equal(r.json.status, 'identified');
  assert.equal(r.json.identification.body, 'Center for Protection of Victims of Trafficking', 'an adult: the Center decides');
  r = await as['cw-a'].post(url, { action: 'reopen', date: '2021-04-02', reasons: 'x' });
  assert.equal(r.status, 409);
  r = await as['cw-a'].post(url, { action: 'close', date: '2021-09-01', reasons: 'Assistance completed (synthetic).' });
  assert.equal(r.json.status, 'closed');
  r = await as['cw-a'].post(url, { action: 'identify', outcome: 'identified', date: '2021-09-02', reasons: 'x' });
  assert.equal(r.status, 409);
  r = await as['cw-a'].post(url, { action: 'reopen', date: '2021-10-01', reasons: 'New needs (synthetic).' });
  assert.equal(r.json.status, 'identified', 'reopen returns to the state before closing');
  const kinds = r.json.timeline.map((e) => `${e.kind}:${e.action ?? ''}:${e.to ?? ''}`);
  assert.deepEqual(kinds, ['referral::referred', 'transition:reasonable_grounds:under_assessment',
    'transition:identify:identified', 'transition:close:closed', 'transition:reopen:identified']);
  assert.equal(r.json.timeline[1].reasons, 'Indicators of deception and control (synthetic).');
  assert.equal(r.json.decisions.length, 2);
  assert.ok(r.json.decisions.every((d) => d.reasons_recorded));
});

test('a child is decided by the social-welfare centre; a negative decision can be reviewed', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc())).json;
  const url = `/api/v1/cases/${c.id}/transitions`;
  let r = await as['cw-a'].post(url, { action: 'identify', outcome: 'not_identified', date: '2021-03-10', reasons: 'Insufficient indicators (synthetic).' });
  assert.equal(r.json.status, 'not_identified');
  assert.equal(r.json.identification.body, 'Centre for Social Work');
  r = await as['cw-a'].post(url, { action: 'identify', outcome: 'identified', date: '2021-03-11', reasons: 'x' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /review/);
  let unreviewed = await as['cw-a'].get('/api/v1/cases?negative_unreviewed=true');
  assert.ok(unreviewed.json.items.some((i) => i.id === c.id), 'a negative decision without review is reportable');
  r = await as['cw-a'].post(url, { action: 'review', outcome: 'overturned', date: '2021-04-10', reasons: 'New evidence (synthetic).' });
  unreviewed = await as['cw-a'].get('/api/v1/cases?negative_unreviewed=true');
  assert.ok(!unreviewed.json.items.some((i) => i.id === c.id));
  assert.equal(r.json.status, 'identified');
  assert.equal(r.json.decisions.at(-1).stage, 'review');
});

test('a negative decision without review stays reportable after the case is closed', async () => {
  const listed = async (id) => (await as['cw-a'].get('/api/v1/cases?negative_unreviewed=true&per_page=200'))
    .json.items.some((i) => i.id === id);
  const c = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1990 } }))).json;
  const url = `/api/v1/cases/${c.id}/transitions`;
  let r = await as['cw-a'].post(url, { action: 'identify', outcome: 'not_identified', date: '2021-03-10', reasons: 'Insufficient indicators (synthetic).' });
  assert.equal(r.status, 200, r.text);
  r = await as['cw-a'].post(url, { action: 'close', date: '2021-04-01', reasons: 'No further contact (synthetic).' });
  assert.equal(r.json.status, 'closed');
  assert.ok(await listed(c.id), 'closing does not make the unreviewed negative decision go away');
  r = await as['cw-a'].post(url, { action: 'reopen', date: '2021-05-01', reasons: 'Review requested (synthetic).' });
  assert.equal(r.json.status, 'not_identified');
  assert.ok(await listed(c.id));
  r = await as['cw-a'].post(url, { action: 'review', outcome: 'upheld', date: '2021-05-20', reasons: 'Decision confirmed (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.ok(!(await listed(c.id)), 'reviewed: no longer listed, even though still negative');

  // A negative reasonable-grounds decision, closed, is listed too.
  const g = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 1988 } }))).json;
  await as['cw-a'].post(`/api/v1/cases/${g.id}/transitions`, { action: 'reasonable_grounds', outcome: 'negative', date: '2021-03-06', reasons: 'No indicators (synthetic).' });
  await as['cw-a'].post(`/api/v1/cases/${g.id}/transitions`, { action: 'close', date: '2021-03-20', reasons: 'Referred elsewhere (synthetic).' });
  assert.ok(await listed(g.id));

  // Identified positively and closed: never listed.
  const p = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1992 } }))).json;
  await as['cw-a'].post(`/api/v1/cases/${p.id}/transitions`, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-05', reasons: 'Indicators (synthetic).' });
  r = await as['cw-a'].post(`/api/v1/cases/${p.id}/transitions`, { action: 'identify', outcome: 'identified', date: '2021-04-01', reasons: 'Panel assessment (synthetic).' });
  assert.equal(r.json.status, 'identified');
  assert.ok(!(await listed(p.id)));
  await as['cw-a'].post(`/api/v1/cases/${p.id}/transitions`, { action: 'close', date: '2021-09-01', reasons: 'Assistance completed (synthetic).' });
  assert.ok(!(await listed(p.id)));
});

test('overturning a negative reasonable-grounds decision opens the assessment; it does not identify', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1990 } }))).json;
  const url = `/api/v1/cases/${c.id}/transitions`;
  let r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'negative', date: '2021-03-06', reasons: 'No indicators (synthetic).' });
  assert.equal(r.json.status, 'not_identified');
  r = await as['cw-a'].post(url, { action: 'review', outcome: 'upheld', date: '2021-03-20', reasons: 'Confirmed (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'not_identified', 'upheld: as it was');
  assert.deepEqual(r.json.reasonable_grounds, { outcome: 'negative', date: '2021-03-06' });
  r = await as['cw-a'].post(url, { action: 'review', outcome: 'overturned', date: '2021-04-10', reasons: 'New statement (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'under_assessment');
  assert.deepEqual(r.json.reasonable_grounds, { outcome: 'positive', date: '2021-04-10' }, 'reasonable grounds from the review');
  assert.deepEqual(r.json.identification, { outcome: 'pending', date: null, body: null }, 'nobody identified yet');
  assert.deepEqual(r.json.next_actions, ['identify', 'close']);
  const move = r.json.timeline.at(-1);
  assert.equal(move.action, 'review');
  assert.equal(move.from, 'not_identified');
  assert.equal(move.to, 'under_assessment');
  assert.equal(move.detail.reviewed, 'reasonable_grounds');
  assert.deepEqual(r.json.decisions.map((d) => `${d.stage}:${d.outcome}`),
    ['reasonable_grounds:negative', 'review:upheld', 'review:overturned']);
  const unreviewed = async () => (await as['cw-a'].get('/api/v1/cases?negative_unreviewed=true&per_page=200')).json.items.some((i) => i.id === c.id);
  assert.equal(await unreviewed(), false, 'reviewed, and now under assessment');
  r = await as['cw-a'].post(url, { action: 'identify', outcome: 'not_identified', date: '2021-05-01', reasons: 'Panel assessment (synthetic).' });
  assert.equal(r.json.status, 'not_identified');
  assert.equal(await unreviewed(), true, 'the new negative decision has no review after it');
  // This review looks at the conclusive decision now: overturning it identifies.
  r = await as['cw-a'].post(url, { action: 'review', outcome: 'overturned', date: '2021-05-15', reasons: 'Appeal to the panel (synthetic).' });
  assert.equal(r.json.status, 'identified');
  assert.equal(r.json.timeline.at(-1).detail.reviewed, 'conclusive');
  assert.deepEqual(r.json.identification, { outcome: 'identified', date: '2021-05-15', body: 'Center for Protection of Victims of Trafficking' });
  assert.deepEqual(r.json.reasonable_grounds, { outcome: 'positive', date: '2021-04-10' });
});

test('an uncertain or unknown age gets the deciding body for children by default', async () => {
  const CHILD_BODY = 'Centre for Social Work', ADULT_BODY = 'Center for Protection of Victims of Trafficking';
  const rulesOf = async (id) => new Set((await as.coord.get(`/api/v1/alerts?case=${id}&status=open&per_page=200`))
    .json.items.map((a) => a.rule));
  const RULE = 'age-uncertain-treated-as-adult';
  // Nothing known of the age (child: null), and an uncertain year that makes
  // a 20-year-old: both presumed children for the default body.
  for (const person of [{ sex: 'unknown', age_uncertain: true }, { sex: 'male', birth_year: 2001, age_uncertain: true }]) {
    const c = (await as['cw-a'].post('/api/v1/cases', doc({ person }))).json;
    assert.equal(c.person.age_uncertain, true);
    const url = `/api/v1/cases/${c.id}/transitions`;
    let r = await as['cw-a'].post(url, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-05', reasons: 'Indicators (synthetic).' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.decisions.at(-1).body, CHILD_BODY, JSON.stringify(person));
    r = await as['cw-a'].post(url, { action: 'identify', outcome: 'identified', date: '2021-04-01', reasons: 'Panel (synthetic).' });
    assert.equal(r.json.identification.body, CHILD_BODY);
    assert.ok(!(await rulesOf(c.id)).has(RULE), `no ${RULE} alert for ${JSON.stringify(person)}`);
  }
  // The rule does fire when the adult body is named on such a person...
  const named = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 2001, age_uncertain: true } }))).json;
  let r = await as['cw-a'].post(`/api/v1/cases/${named.id}/transitions`,
    { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-05', reasons: 'Indicators (synthetic).', body: ADULT_BODY });
  assert.equal(r.json.decisions.at(-1).body, ADULT_BODY);
  assert.ok((await rulesOf(named.id)).has(RULE));
  // ...and an age assessment finding the person adult ends the presumption.
  const assessed = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 2001, age_uncertain: true } }))).json;
  r = await as['cw-a'].post(`/api/v1/cases/${assessed.id}/age-assessments`, { date: '2021-03-05', result: 'adult', method: 'documents' });
  assert.equal(r.status, 201, r.text);
  r = await as['cw-a'].post(`/api/v1/cases/${assessed.id}/transitions`,
    { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-06', reasons: 'Indicators (synthetic).' });
  assert.equal(r.json.decisions.at(-1).body, ADULT_BODY);
  assert.ok(!(await rulesOf(assessed.id)).has(RULE));
  // A known adult age is not presumed anything.
  const adult = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 2001 } }))).json;
  r = await as['cw-a'].post(`/api/v1/cases/${adult.id}/transitions`,
    { action: 'reasonable_grounds', outcome: 'negative', date: '2021-03-05', reasons: 'No indicators (synthetic).' });
  assert.equal(r.json.decisions.at(-1).body, ADULT_BODY);
});

test('each move is dated on or after the last decision or move, naming the date it must not precede', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1990 } }))).json;
  const url = `/api/v1/cases/${c.id}/transitions`;
  const move = (action, date, outcome) => as['cw-a'].post(url, { action, date, outcome, reasons: 'Synthetic reasons.' });
  const refused = (r, reason) => {
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.errors, [{ field: 'date', reason }]);
  };
  assert.equal((await move('reasonable_grounds', '2021-03-10', 'positive')).status, 200);
  refused(await move('identify', '2021-03-09', 'not_identified'), 'cannot be before the reasonable-grounds decision (2021-03-10)');
  let r = await move('identify', '2021-03-10', 'not_identified');
  assert.equal(r.status, 200, 'the same day will do');
  refused(await move('review', '2021-03-01', 'upheld'), 'cannot be before the conclusive decision under review (2021-03-10)');
  assert.equal((await move('review', '2021-03-15', 'upheld')).status, 200);
  refused(await move('close', '2021-03-12'), 'cannot be before the review (2021-03-15)');
  refused(await move('close', '2021-03-05'), 'cannot be before the review (2021-03-15)');
  assert.equal((await move('close', '2021-04-01')).status, 200);
  refused(await move('reopen', '2021-03-31'), 'cannot be before the closing of the case (2021-04-01)');
  r = await move('reopen', '2021-04-02');
  assert.equal(r.json.status, 'not_identified');
  refused(await move('close', '2021-04-01'), 'cannot be before the reopening of the case (2021-04-02)');
  const dates = r.json.timeline.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort(), 'the timeline is in order');
  // The referral date still bounds the first move, and a state the machine
  // refuses is still a 409 whatever the date.
  const d = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1990 } }))).json;
  r = await as['cw-a'].post(`/api/v1/cases/${d.id}/transitions`, { action: 'identify', outcome: 'identified', date: '2021-03-01', reasons: 'x' });
  assert.deepEqual(r.json.errors, [{ field: 'date', reason: 'cannot be before the referral date (2021-03-04)' }]);
  // An imported identification counts as a decision too.
  const imp = (await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 1990 },
    identification: { outcome: 'not_identified', date: '2021-03-20', reasons: 'Imported (synthetic).' } }))).json;
  r = await as['cw-a'].post(`/api/v1/cases/${imp.id}/transitions`, { action: 'review', outcome: 'overturned', date: '2021-03-19', reasons: 'x' });
  assert.deepEqual(r.json.errors, [{ field: 'date', reason: 'cannot be before the conclusive decision under review (2021-03-20)' }]);
});

test('a birth year after the referral year is refused, as a birth date after the referral is', async () => {
  const r = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 2024 } }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.errors, [{ field: 'person.birth_year', reason: 'cannot be after the referral year (2021)' }]);
  const uncertain = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 2022, age_uncertain: true } }));
  assert.deepEqual(uncertain.json.errors, [{ field: 'person.birth_year', reason: 'cannot be after the referral year (2021)' }]);
  const same = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_year: 2021 } }));
  assert.equal(same.status, 201, 'born in the referral year: age 0');
  assert.equal(same.json.person.age_at_referral, 0);
  const date = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'female', birth_date: '2021-05-01' } }));
  assert.deepEqual(date.json.errors.map((e) => e.field), ['referral.date'], 'a birth date names the referral date, once');
  // The import names the line and the field.
  const f = importFile([doc({ ref: 'BY-1' }), doc({ ref: 'BY-2', person: { sex: 'male', birth_year: 2024 } })]);
  const out = srv.cli(['import', '--org', A, f]);
  assert.equal(out.status, 2);
  assert.match(out.stderr, /line 2: person\.birth_year: cannot be after the referral year \(2021\)/);
  // The group CSV names the column.
  const g = await as['cw-a'].post('/api/v1/groups', { name: 'Birth year group (synthetic)' });
  assert.equal(g.status, 201, g.text);
  const csv = 'ref,sex,birth_year,referral_date,source\r\nBYCSV-1,male,1990,2021-11-20,police\r\nBYCSV-2,male,2024,2021-11-20,police\r\n';
  const c = await as['cw-a'].request('POST', `/api/v1/groups/${g.json.id}/members`, { raw: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  assert.equal(c.status, 400, c.text);
  assert.deepEqual(c.json.errors, [{ field: 'row 2: birth_year', reason: 'cannot be after the referral year (2021)' }]);
});

test('cooperation and consent are recorded on their own and block nothing', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc())).json;
  let r = await as['cw-a'].post(`/api/v1/cases/${c.id}/cooperation`, { status: 'declined', date: '2021-03-06' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.cooperation, 'declined');
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/transitions`, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-07', reasons: 'Indicators (synthetic).' });
  assert.equal(r.json.status, 'under_assessment', 'declining cooperation changes nothing else');
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/cooperation`, { status: 'maybe', date: '2021-03-06' });
  assert.equal(r.json.errors[0].field, 'status');
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/consent`, { consent: true, date: '2021-03-08' });
  assert.equal(r.json.referral.consent, true);
  assert.equal(r.json.referral.consent_date, '2021-03-08');
});

test('identity is shown only on request, audited', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc({ ref: 'ID-1' }))).json;
  const id = await as['cw-a'].get(`/api/v1/cases/${c.id}/identity`);
  assert.equal(id.status, 200);
  assert.equal(id.json.given_name, 'Sintetika');
  assert.equal(id.json.family_name, 'Primerić');
  assert.equal(id.json.birth_date, '2004-05-01');
  const audit = srv.cli(['audit', 'list', '--action', 'case.identity', '--limit', '500']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(audit.some((row) => row.object_id === c.id && row.outcome === 'ok'));
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}/identity`)).status, 404);
  assert.equal((await as.coord.get(`/api/v1/cases/${c.id}/identity`)).status, 200);
});

test('scope: other organisations get 404; the coordinator sees all; analysts see no case', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', doc())).json;
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await as['cw-b'].post(`/api/v1/cases/${c.id}/transitions`, { action: 'close', date: '2021-05-01', reasons: 'x' })).status, 404);
  assert.equal((await as.coord.get(`/api/v1/cases/${c.id}`)).status, 200);
  assert.equal((await as.analyst.get(`/api/v1/cases/${c.id}`)).status, 403);
  assert.equal((await as.analyst.get('/api/v1/cases')).status, 403);
  const listB = await as['cw-b'].get('/api/v1/cases');
  assert.equal(listB.json.total, 0);
  const b = await as['cw-b'].post('/api/v1/cases', doc());
  assert.equal(b.json.organisation.name, B);
  assert.equal((await as['cw-b'].get('/api/v1/cases')).json.total, 1);
});

test('the list filters, pages and sorts, and never shows a name', async () => {
  const mk = (over) => as['cw-a'].post('/api/v1/cases', doc(over));
  await mk({ person: { sex: 'male', birth_year: 1985, citizenship: ['VN'] }, referral: { date: '2022-06-01', source: 'labour_inspection' }, exploitation: ['forced_labour'] });
  await mk({ person: { sex: 'male', birth_year: 1986, citizenship: ['VN', 'CN'] }, referral: { date: '2022-06-02', source: 'labour_inspection' }, exploitation: ['forced_labour', 'domestic_servitude'] });
  const all = await as.coord.get('/api/v1/cases?per_page=200');
  assert.ok(all.json.total >= 10);
  assert.ok(!JSON.stringify(all.json).includes('Sintetika'));
  let r = await as.coord.get('/api/v1/cases?year=2022&source=labour_inspection');
  assert.equal(r.json.total, 2);
  r = await as.coord.get('/api/v1/cases?citizenship=CN');
  assert.equal(r.json.total, 1);
  r = await as.coord.get('/api/v1/cases?exploitation=forced_labour&sex=male');
  assert.equal(r.json.total, 2);
  assert.deepEqual(r.json.items[1].exploitation, ['domestic_servitude', 'forced_labour']);
  r = await as.coord.get('/api/v1/cases?child=true&year=2021');
  assert.ok(r.json.items.every((i) => i.child === true));
  const num = r.json.items[0].case_number;
  r = await as.coord.get(`/api/v1/cases?number=${num}`);
  assert.equal(r.json.total, 1);
  r = await as.coord.get('/api/v1/cases?status=identified');
  assert.ok(r.json.items.every((i) => i.status === 'identified'));
  const p1 = await as.coord.get('/api/v1/cases?per_page=3&page=1&sort=referral_date&order=desc');
  const p2 = await as.coord.get('/api/v1/cases?per_page=3&page=2&sort=referral_date&order=desc');
  assert.equal(p1.json.items.length, 3);
  assert.ok(p1.json.items[2].referral_date >= p2.json.items[0].referral_date);
  assert.equal(p1.json.items[0].referral_date, '2022-06-02');
  r = await as.coord.get('/api/v1/cases?status=lost&year=abc&sex=x&per_page=1000&sort=name');
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.errors.map((e) => e.field).sort(), ['query.per_page', 'query.sex', 'query.sort', 'query.status', 'query.year']);
});

test('the dashboard counts cases by status within scope, for those who may open them', async () => {
  const coord = await as.coord.get('/api/v1/dashboard');
  const list = await as.coord.get('/api/v1/cases?per_page=1');
  assert.equal(coord.json.cases.total, list.json.total);
  const identified = await as.coord.get('/api/v1/cases?status=identified&per_page=1');
  assert.equal(coord.json.cases.identified, identified.json.total);
  const b = await as['cw-b'].get('/api/v1/dashboard');
  assert.equal(b.json.cases.total, (await as['cw-b'].get('/api/v1/cases')).json.total);
  assert.ok(b.json.cases.total < coord.json.cases.total);
  assert.equal((await as.analyst.get('/api/v1/dashboard')).json.cases, null, 'analysts open no case');
});

test('vocabularies and the jurisdiction profile are served for the UI', async () => {
  const v = await as['cw-a'].get('/api/v1/vocabularies');
  assert.equal(v.status, 200);
  assert.ok(v.json.referral_source.some((x) => x.code === 'labour_inspection' && x['sr-Latn']));
  assert.ok(v.json.country.length >= 249);
  const j = await as['cw-a'].get('/api/v1/jurisdiction');
  assert.equal(j.json.country, 'RS');
  assert.equal(j.json.reflection_min_days, 30);
});

function importFile(lines) {
  const f = join(tmp, `import-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(f, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return f;
}

test('import stores every line or none, naming the bad line and field', async () => {
  const before = (await as.coord.get('/api/v1/cases')).json.total;
  const bad = importFile([doc({ ref: 'IMP-1' }), doc({ ref: 'IMP-2' }), doc({ ref: 'IMP-3', person: { sex: 'dragon' } })]);
  let r = srv.cli(['import', '--org', A, bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 3: person\.sex: must be one of/);
  assert.match(r.stderr, /nothing was stored/);
  assert.equal((await as.coord.get('/api/v1/cases')).json.total, before);
  const junk = importFile([doc({ ref: 'IMP-1' }), '{"person": ']);
  r = srv.cli(['import', '--org', A, junk]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 2: Malformed JSON at byte/);

  const good = importFile([doc({ ref: 'IMP-1' }), '', doc({ ref: 'IMP-2', identification: { outcome: 'identified', date: '2021-04-01', reasons: 'Imported decision (synthetic).' } })]);
  r = srv.cli(['import', '--org', A, good]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 2 cases from 3 lines for organisation Cases Center A \(synthetic\)$/m);
  assert.equal((await as.coord.get('/api/v1/cases')).json.total, before + 2);
  const identified = await as.coord.get('/api/v1/cases?status=identified&year=2021');
  assert.ok(identified.json.total >= 1);

  r = srv.cli(['import', '--org', A, good]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 1: ref: 'IMP-1' is already present/);
  r = srv.cli(['import', '--org', A, '--upsert', good]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Stored 2 cases \(2 replaced\)/);
  assert.equal((await as.coord.get('/api/v1/cases')).json.total, before + 2);
  r = srv.cli(['import', '--org', 'Nowhere', good]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /org: no organisation/);
  const one = importFile([doc({ ref: 'IMP-ONE' })]);
  r = srv.cli(['import', '--org', A, '--format', 'jsonl', one]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 1 case from 1 line for organisation /m, 'singular for one');
  const noAge = importFile([doc({ ref: 'IMP-AGE-1' }), doc({ ref: 'IMP-AGE-2', person: { sex: 'female', citizenship: ['RS'] } })]);
  r = srv.cli(['import', '--org', A, noAge]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 2: person\.birth_year: is required when person\.birth_date is not given/);
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

test('import without --org: the only working organisation, else Administration, else a list to choose from', async () => {
  const line = importFile([doc()]);
  // Here there are two organisations besides Administration.
  let r = srv.cli(['import', '--format', 'jsonl', line]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--org is required: 2 organisations could own the cases: /);
  assert.ok(r.stderr.includes(A) && r.stderr.includes(B), r.stderr);
  assert.ok(!r.stderr.includes('Administration'), 'the administration organisation is no candidate');

  // A fresh `lantern init` has only the Administration organisation.
  const dir = mkdtempSync(join(tmp, 'fresh-'));
  const pw = join(dir, 'admin.pw');
  writeFileSync(pw, ADMIN_PASSWORD + '\n', { mode: 0o600 });
  const data = join(dir, 'data');
  assert.equal(cli(['init', '--data', data, '--admin-password-file', pw]).status, 0);
  r = cli(['import', '--data', data, '--format', 'jsonl', line]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 1 case from 1 line for organisation Administration$/m);

  // With one working organisation, that one gets the cases.
  const ngo = 'Import NGO (synthetic)';
  assert.equal(cli(['org', 'add', '--data', data, '--name', ngo, '--kind', 'ngo']).status, 0);
  r = cli(['import', '--data', data, '--format', 'jsonl', importFile([doc(), doc()])]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 2 cases from 2 lines for organisation Import NGO \(synthetic\)$/m);
  const cases = cli(['audit', 'list', '--data', data, '--action', 'case.import']);
  assert.equal(cases.status, 0, cases.stderr);
  assert.equal(cases.stdout.trim().split('\n').length, 2, 'two imports audited');
});

// --- import --upsert: the replaced case keeps its id and number ---

/** The case whose ref is REF, as the coordinator reads it (null if none). */
async function caseByRef(ref) {
  const items = (await as.coord.get('/api/v1/cases?per_page=200&sort=case_number&order=desc')).json.items;
  for (const i of items) {
    const c = (await as.coord.get(`/api/v1/cases/${i.id}`)).json;
    if (c.ref === ref) return c;
  }
  return null;
}

test('import --upsert keeps the id and the number of the case it replaces, and counts what results', async () => {
  const first = importFile([doc({ ref: 'UPS-1' }), doc({ ref: 'UPS-2' })]);
  let r = srv.cli(['import', '--org', A, first]);
  assert.equal(r.status, 0, r.stderr);
  const before1 = await caseByRef('UPS-1');
  // Meanwhile other cases get numbers of the same year.
  assert.equal((await as['cw-a'].post('/api/v1/cases', doc())).status, 201);
  // The corrected line: another source and a decision, the same year.
  const corrected = doc({ ref: 'UPS-1', referral: { date: '2021-02-02', source: 'ngo' },
    identification: { outcome: 'identified', date: '2021-03-01', reasons: 'Imported decision (synthetic).' } });
  r = srv.cli(['import', '--org', A, '--upsert', importFile([corrected])]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 1 case \(1 replaced\) from 1 line /m);
  const after1 = (await as.coord.get(`/api/v1/cases/${before1.id}`)).json;
  assert.equal(after1.id, before1.id, 'the same id');
  assert.equal(after1.case_number, before1.case_number, 'the same number');
  assert.equal(after1.referral.source, 'ngo');
  assert.equal(after1.referral.date, '2021-02-02');
  assert.equal(after1.status, 'identified');
  const found = await as.coord.get(`/api/v1/cases?number=${before1.case_number}`);
  assert.deepEqual(found.json.items.map((i) => i.id), [before1.id], 'found by its number');
  // Moved to another referral year, it keeps its id but is numbered in
  // that year, so the year filter (which reads the number) still finds it.
  r = srv.cli(['import', '--org', A, '--upsert', importFile([doc({ ref: 'UPS-1', referral: { date: '2022-02-02', source: 'ngo' } })])]);
  assert.equal(r.status, 0, r.stderr);
  const moved = (await as.coord.get(`/api/v1/cases/${before1.id}`)).json;
  assert.equal(moved.id, before1.id);
  assert.match(moved.case_number, /^LT-2022-\d{6}$/);
  const in2022 = await as.coord.get(`/api/v1/cases?year=2022&per_page=200`);
  assert.ok(in2022.json.items.some((i) => i.id === before1.id), 'listed under its new referral year');
  const in2021 = await as.coord.get(`/api/v1/cases?year=2021&per_page=200`);
  assert.ok(!in2021.json.items.some((i) => i.id === before1.id), 'no longer under the old one');

  // A line that replaces the case an earlier line of the same file stored:
  // one case results, and the count says so.
  r = srv.cli(['import', '--org', A, '--upsert', importFile([
    doc({ ref: 'UPS-NEW' }), doc({ ref: 'UPS-NEW', referral: { date: '2021-03-05', source: 'hotline' } }),
  ])]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 1 case from 2 lines /m);
  const made = await caseByRef('UPS-NEW');
  assert.equal(made.referral.source, 'hotline', 'the later line wins');
  // A case that was there before, replaced twice in one file: one replaced.
  const before2 = await caseByRef('UPS-2');
  r = srv.cli(['import', '--org', A, '--upsert', importFile([
    doc({ ref: 'UPS-2', referral: { date: '2021-03-05', source: 'self' } }),
    doc({ ref: 'UPS-2', referral: { date: '2021-03-06', source: 'health' } }),
    doc({ ref: 'UPS-3' }),
  ])]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Stored 2 cases \(1 replaced\) from 3 lines /m);
  const after2 = (await as.coord.get(`/api/v1/cases/${before2.id}`)).json;
  assert.equal(after2.case_number, before2.case_number);
  assert.equal(after2.referral.source, 'health');
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

test('import --upsert refuses to split a person\'s cases', async () => {
  let r = srv.cli(['import', '--org', A, importFile([doc({ ref: 'UPS-PERSON' })])]);
  assert.equal(r.status, 0, r.stderr);
  const imported = await caseByRef('UPS-PERSON');
  assert.ok(imported);
  const again = await as['cw-a'].post('/api/v1/cases', { ...doc({ person: undefined }), person_id: imported.person.id });
  assert.equal(again.status, 201, again.text);
  r = srv.cli(['import', '--org', A, '--upsert', importFile([doc({ ref: 'UPS-PERSON' })])]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 1: ref: 'UPS-PERSON' is one of 2 cases of the same person in Lantern, which a re-import would split apart/);
});

test('a case registered with an identification and an unknown age gets the body for children', async () => {
  const CHILD_BODY = 'Centre for Social Work', ADULT_BODY = 'Center for Protection of Victims of Trafficking';
  const identified = { outcome: 'identified', date: '2021-04-01', reasons: 'Panel (synthetic).' };
  for (const person of [{ sex: 'unknown', age_uncertain: true }, { sex: 'male', birth_year: 1990, age_uncertain: true }]) {
    const r = await as['cw-a'].post('/api/v1/cases', doc({ person, identification: identified }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.identification.body, CHILD_BODY, JSON.stringify(person));
    assert.equal(r.json.decisions.at(-1).body, CHILD_BODY);
  }
  const adult = await as['cw-a'].post('/api/v1/cases', doc({ person: { sex: 'male', birth_year: 1990 }, identification: identified }));
  assert.equal(adult.json.identification.body, ADULT_BODY);
  // The same from an import line.
  const r = srv.cli(['import', '--org', A, importFile([doc({ ref: 'AGE-UNKNOWN', person: { sex: 'female', age_uncertain: true }, identification: identified })])]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await caseByRef('AGE-UNKNOWN')).identification.body, CHILD_BODY);
});

// --- a further case of a person already registered (person_id) ---

test('person_id: a second case of a person already registered', async () => {
  const first = (await as['cw-a'].post('/api/v1/cases', doc({ person: {
    given_name: 'Ponovna', family_name: 'Primerić', sex: 'female', birth_date: '2004-05-01', citizenship: ['RS', 'BA'],
  } }))).json;
  const personId = first.person.id;
  // Found by name, as a case worker would.
  const search = await as['cw-a'].get(`/api/v1/persons?name=${encodeURIComponent('Ponovna Primerić')}`);
  assert.deepEqual(search.json.items.map((p) => p.id), [personId]);
  const { person, ...rest } = doc({ referral: { date: '2023-06-01', source: 'ngo' }, exploitation: ['forced_labour'] });
  const r = await as['cw-a'].post('/api/v1/cases', { ...rest, person_id: personId });
  assert.equal(r.status, 201, r.text);
  assert.notEqual(r.json.id, first.id);
  assert.equal(r.json.person.id, personId, 'the same person');
  assert.equal(r.json.person.age_at_referral, 19, 'the age on the new referral date');
  assert.equal(r.json.person.child, false);
  assert.deepEqual(r.json.person.citizenship, ['BA', 'RS']);
  assert.equal(r.json.person.has_name, true);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${r.json.id}/identity`)).json.given_name, 'Ponovna');
  assert.equal((await as.coord.get(`/api/v1/cases/${first.id}`)).json.person.id, personId, 'the first case is unchanged');

  // person_id and person together, neither, or a bad id: 400 naming the field.
  let bad = await as['cw-a'].post('/api/v1/cases', { ...rest, person_id: personId, person });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['person']);
  assert.match(bad.json.errors[0].reason, /must be left out when person_id is given/);
  bad = await as['cw-a'].post('/api/v1/cases', rest);
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.json.errors, [{ field: 'person', reason: 'is required, unless person_id names a person already registered' }]);
  bad = await as['cw-a'].post('/api/v1/cases', { ...rest, referral: { date: '2999-01-01', source: 'rumour' } });
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['person', 'referral.date', 'referral.source'], 'the rest is checked too');
  for (const id of [0, -3, 'x', 1.5]) {
    bad = await as['cw-a'].post('/api/v1/cases', { ...rest, person_id: id });
    assert.equal(bad.status, 400, `${id}: ${bad.text}`);
    assert.ok(bad.json.errors.some((e) => e.field === 'person_id'), bad.text);
  }
  bad = await as['cw-a'].post('/api/v1/cases', { ...rest, person_id: personId, nickname: 'x' });
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['nickname']);
  // The rest of the document is checked against the person: not before their birth.
  bad = await as['cw-a'].post('/api/v1/cases', { ...rest, person_id: personId, referral: { date: '2003-01-01', source: 'ngo' } });
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['referral.date']);

  // A person nobody has, or outside the caller's reach: 404.
  assert.equal((await as['cw-a'].post('/api/v1/cases', { ...rest, person_id: 99999999 })).status, 404);
  const other = await as['cw-b'].post('/api/v1/cases', { ...rest, person_id: personId });
  assert.equal(other.status, 404, other.text);
  assert.doesNotMatch(other.text, /Ponovna/);
  // A coordinator reaches every person; the case is the coordinator's organisation's.
  const coord = await as.coord.post('/api/v1/cases', { ...rest, person_id: personId });
  assert.equal(coord.status, 201, coord.text);
  assert.equal(coord.json.person.id, personId);
  // Nothing half-written: refused requests stored no case.
  const cases = (await as.coord.get('/api/v1/cases?per_page=200')).json.items.filter((i) => [r.json.id, coord.json.id].includes(i.id));
  assert.equal(cases.length, 2);
  const rows = srv.cli(['audit', 'list', '--action', 'case.create', '--limit', '500']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.find((row) => row.object_id === r.json.id)?.detail, `person=${personId}`, 'audited with the person');

  // An import line holds a whole person; person_id is not a member there.
  const line = importFile([{ ...rest, ref: 'PID-IMPORT', person_id: personId }]);
  const imp = srv.cli(['import', '--org', A, line]);
  assert.equal(imp.status, 2);
  assert.match(imp.stderr, /line 1: person_id: unknown field/);
});
