// Referrals between organisations: sending (identity only with consent),
// the receiver's view of the case (pseudonymous unless identity is shared),
// accept / reject / complete by the receiver or a coordinator, revoke by the
// sender, every illegal move 409, the inbox and outbox, scope and audit.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Ref Center A (synthetic)', B = 'Ref NGO B (synthetic)', C = 'Ref NGO C (synthetic)';
const N = 'Ref National Coordination (synthetic)', P = 'Ref Prosecution P (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'cw-c', role: 'caseworker', org: C, password: 'caseworker-pass-c' },
  { username: 'coord', role: 'coordinator', org: N, password: 'coordinator-pass' },
  { username: 'analyst', role: 'analyst', org: B, password: 'analyst-pass-123' },
  { username: 'liaison', role: 'prosecutor_liaison', org: P, password: 'liaison-pass-123' },
];
let srv;
const as = {};
const org = {};
const NAME = 'Sintetika';

function doc(over = {}) {
  return {
    person: { given_name: NAME, family_name: 'Upućić', sex: 'female', birth_year: 2005, citizenship: ['RS'] },
    referral: { date: '2021-03-04', source: 'police' },
    exploitation: ['forced_begging'],
    ...over,
  };
}

async function newCase(over, who = 'cw-a') {
  const r = await as[who].post('/api/v1/cases', doc(over));
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function send(caseId, to, over = {}, who = 'cw-a') {
  const r = await as[who].post(`/api/v1/cases/${caseId}/referrals`, { to_organisation_id: org[to], purpose: 'psychological', date: '2021-03-10', ...over });
  assert.equal(r.status, 201, r.text);
  return r.json.referrals.at(-1);
}

const fields = (r) => (r.json?.errors ?? []).map((e) => e.field).sort();
const act = (who, rid, name, body = { date: '2021-03-12' }) => as[who].post(`/api/v1/referrals/${rid}/${name}`, body);

before(async () => {
  srv = await startLantern({
    orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }, { name: C, kind: 'ngo' },
      { name: N, kind: 'center' }, { name: P, kind: 'prosecution' }],
    users,
  });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  for (const o of (await as['cw-a'].get('/api/v1/organisations')).json.items) org[o.name] = o.id;
});
after(async () => { await srv?.stop(); });

test('a referral is sent, shows on the case with its acts, and goes to the timeline', async () => {
  const c = await newCase();
  const r = await as['cw-a'].post(`/api/v1/cases/${c.id}/referrals`, {
    to_organisation_id: org[B], purpose: 'psychological', date: '2021-03-10', note: 'Needs counselling in Romani (synthetic).',
  });
  assert.equal(r.status, 201, r.text);
  const ref = r.json.referrals[0];
  assert.deepEqual({ ...ref, events: undefined, id: undefined }, {
    id: undefined, case_id: c.id, from: { id: org[A], name: A }, to: { id: org[B], name: B }, status: 'sent',
    purpose: 'psychological', share_identity: false, sent_date: '2021-03-10', events: undefined,
  });
  assert.equal(ref.events.length, 1);
  assert.deepEqual([ref.events[0].action, ref.events[0].date, ref.events[0].note], ['sent', '2021-03-10', 'Needs counselling in Romani (synthetic).']);
  const ev = r.json.timeline.at(-1);
  assert.deepEqual([ev.kind, ev.action, ev.date], ['referral_out', 'sent', '2021-03-10']);
  assert.deepEqual(ev.detail, { referral: ref.id, from_org: org[A], to_org: org[B], purpose: 'psychological', status: 'sent', share_identity: false });
  // identification and "other" are purposes too.
  await send(c.id, C, { purpose: 'identification' });
  await send(c.id, C, { purpose: 'other' });
});

test('bad referral input names each field; a second open referral for the same purpose is 409', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/referrals`;
  const bad = async (body, expected) => {
    const r = await as['cw-a'].post(url, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(fields(r), expected, JSON.stringify(body));
    return r;
  };
  const ok = { to_organisation_id: org[B], purpose: 'medical', date: '2021-03-10' };
  await bad({}, ['date', 'purpose', 'to_organisation_id']);
  await bad({ ...ok, to_organisation_id: 999999 }, ['to_organisation_id']);
  await bad({ ...ok, to_organisation_id: String(org[B]) }, ['to_organisation_id']);
  let r = await bad({ ...ok, to_organisation_id: org[A] }, ['to_organisation_id']);
  assert.match(r.json.errors[0].reason, /your own organisation/);
  await bad({ ...ok, purpose: 'fun' }, ['purpose']);
  await bad({ ...ok, date: '2999-01-01' }, ['date']);
  await bad({ ...ok, date: '2021-03-01' }, ['date']);
  await bad({ ...ok, date: '10/03/2021' }, ['date']);
  await bad({ ...ok, share_identity: 'yes' }, ['share_identity']);
  await bad({ ...ok, urgent: true }, ['urgent']);
  r = await bad({ ...ok, share_identity: true }, ['share_identity']);
  assert.match(r.json.errors[0].reason, /consented to share their identity/);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json.referrals.length, 0, 'nothing half-written');

  await send(c.id, B, { purpose: 'medical' });
  r = await as['cw-a'].post(url, ok);
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /already has an open referral/);
  await send(c.id, B, { purpose: 'legal_information' }); // another purpose is another referral
  // The receiver's own organisation cannot be referred the case back to its owner.
  r = await as.coord.post(url, { ...ok, to_organisation_id: org[A] });
  assert.equal(r.status, 400);
  assert.match(r.json.errors[0].reason, /owns the case/);
});

test('the receiver sees the case without identity or free text; others get 404', async () => {
  const c = await newCase();
  await as['cw-a'].post(`/api/v1/cases/${c.id}/transitions`, { action: 'reasonable_grounds', outcome: 'positive', date: '2021-03-05', reasons: 'Begging under control of an adult (synthetic).' });
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 404, 'before the referral');
  const ref = await send(c.id, B, { note: 'Private note for the receiver (synthetic).' });
  const g = await as['cw-b'].get(`/api/v1/cases/${c.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.json.case_number, c.case_number);
  assert.ok(!g.text.includes(NAME), 'no name');
  assert.ok(!g.text.includes('(synthetic).'), 'no free text: reasons and notes stay with the owner');
  assert.equal(g.json.timeline.find((e) => e.kind === 'transition').reasons, null);
  assert.equal(g.json.referrals[0].events[0].note, null);
  const id = await as['cw-b'].get(`/api/v1/cases/${c.id}/identity`);
  assert.equal(id.status, 403);
  assert.match(id.json.detail, /did not consent/);
  assert.equal((await as['cw-c'].get(`/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await as['cw-c'].get(`/api/v1/cases/${c.id}/identity`)).status, 404);
  // The receiver finds the case in its case list too.
  const list = await as['cw-b'].get(`/api/v1/cases?number=${c.case_number}`);
  assert.equal(list.json.total, 1);
  // The receiver records the service it gives; the answer hides free text as its GET does.
  const s = await as['cw-b'].post(`/api/v1/cases/${c.id}/services`, { type: 'psychological', status: 'active', start_date: '2021-03-15', consent: { date: '2021-03-15', language: 'sr' }, note: 'First session (synthetic).' });
  assert.equal(s.status, 201, s.text);
  assert.deepEqual(s.json.services[0].provider, { id: org[B], name: B }, 'the provider defaults to the actor\'s organisation');
  assert.ok(!s.text.includes('(synthetic).'), 'the write answer shows no free text to a receiver');
  const own = await as['cw-a'].get(`/api/v1/cases/${c.id}`);
  assert.equal(own.json.timeline.find((e) => e.kind === 'service').reasons, 'First session (synthetic).');
  // Reflection periods are the deciding organisation's: a receiver may not.
  const rp = await as['cw-b'].post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: '2021-03-06' });
  assert.equal(rp.status, 403);
  // When the referral ends in revocation, so does the view.
  assert.equal((await act('cw-a', ref.id, 'revoke')).status, 200);
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await as['cw-b'].post(`/api/v1/cases/${c.id}/services`, { type: 'medical', status: 'planned' })).status, 404);
});

test('with consent and share_identity the receiver may see the identity; onward sharing needs it too', async () => {
  const c = await newCase({ referral: { date: '2021-03-04', source: 'ngo', consent: true, consent_date: '2021-03-04' } });
  await send(c.id, B); // without identity
  const ref = await send(c.id, C, { share_identity: true, purpose: 'accommodation' });
  assert.equal(ref.share_identity, true);
  const idC = await as['cw-c'].get(`/api/v1/cases/${c.id}/identity`);
  assert.equal(idC.status, 200);
  assert.equal(idC.json.given_name, NAME);
  const gC = await as['cw-c'].get(`/api/v1/cases/${c.id}`);
  assert.equal(gC.json.referrals[1].events[0].action, 'sent');
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}/identity`)).status, 403);
  const audit = srv.cli(['audit', 'list', '--action', 'case.identity', '--limit', '500']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(audit.some((a) => a.object_id === c.id && a.outcome === 'ok'));
  // B holds no identity, so it cannot pass one on; C may.
  let r = await as['cw-b'].post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[N], purpose: 'identification', date: '2021-03-11', share_identity: true });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['share_identity']);
  assert.match(r.json.errors[0].reason, /was not given the identity/);
  r = await as['cw-b'].post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[P], purpose: 'legal_representation', date: '2021-03-11' });
  assert.equal(r.status, 201, 'an onward referral without identity');
  assert.equal(r.json.referrals.at(-1).from.id, org[B]);
  r = await as['cw-c'].post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[N], purpose: 'identification', date: '2021-03-11', share_identity: true });
  assert.equal(r.status, 201, r.text);
});

test('accept, complete, reject, revoke: who may, and every illegal move is 409', async () => {
  const c = await newCase();
  const r1 = await send(c.id, B);
  // Only the receiver (or a coordinator) answers; only the sender revokes.
  let r = await act('cw-a', r1.id, 'accept');
  assert.equal(r.status, 403);
  assert.match(r.json.detail, /sent to \(Ref NGO B/);
  r = await act('cw-b', r1.id, 'revoke');
  assert.equal(r.status, 403);
  assert.match(r.json.detail, /sent this referral \(Ref Center A/);
  r = await act('cw-b', r1.id, 'complete');
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /not been accepted yet/);
  r = await act('cw-b', r1.id, 'accept', { date: '2021-03-09' });
  assert.deepEqual(fields(r), ['date'], 'not before it was sent');
  r = await act('cw-b', r1.id, 'accept', {});
  assert.deepEqual(fields(r), ['date']);
  r = await act('cw-b', r1.id, 'accept', { date: '2999-01-01' });
  assert.deepEqual(fields(r), ['date']);
  r = await act('cw-b', r1.id, 'accept', { date: '2021-03-12', why: 'x' });
  assert.deepEqual(fields(r), ['why']);
  r = await act('cw-b', r1.id, 'accept', { date: '2021-03-12', note: 'We have a place (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.referrals[0].status, 'accepted');
  assert.equal(r.json.referrals[0].events[1].action, 'accepted');
  assert.equal(r.json.referrals[0].events[1].note, null, 'the receiver holds no identity consent, so no free text');
  r = await act('cw-b', r1.id, 'accept');
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /already accepted/);
  r = await act('cw-b', r1.id, 'reject');
  assert.equal(r.status, 409);
  r = await act('cw-b', r1.id, 'complete', { date: '2021-05-01' });
  assert.equal(r.status, 200);
  assert.equal(r.json.referrals[0].status, 'completed');
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 200, 'a completed referral still shows the case');
  for (const name of ['accept', 'reject', 'complete']) {
    r = await act('cw-b', r1.id, name, { date: '2021-05-02' });
    assert.equal(r.status, 409, name);
    assert.match(r.json.detail, /completed, which is final/);
  }
  assert.equal((await act('cw-a', r1.id, 'revoke', { date: '2021-05-02' })).status, 409);
  const own = await as['cw-a'].get(`/api/v1/cases/${c.id}`);
  assert.deepEqual(own.json.referrals[0].events.map((e) => `${e.action}@${e.date}`), ['sent@2021-03-10', 'accepted@2021-03-12', 'completed@2021-05-01']);
  assert.equal(own.json.referrals[0].events[1].note, 'We have a place (synthetic).', 'the owner reads the note');
  assert.deepEqual(own.json.timeline.filter((e) => e.kind === 'referral_out').map((e) => e.action), ['sent', 'accepted', 'completed']);

  // Rejected: final. B still sees the case through the completed referral,
  // so the answer is the case (a receiver left with no view gets the referral alone: below).
  const r2 = await send(c.id, B, { purpose: 'medical' });
  r = await act('cw-b', r2.id, 'reject', { date: '2021-03-11', note: 'No capacity (synthetic).' });
  assert.equal(r.status, 200, r.text);
  const rejected = r.json.referrals.find((x) => x.id === r2.id);
  assert.equal(rejected.status, 'rejected');
  assert.equal(rejected.events[1].note, null);
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 200, 'still visible through the completed referral');
  for (const name of ['accept', 'reject', 'complete']) assert.equal((await act('cw-b', r2.id, name)).status, 409, name);
  assert.equal((await act('cw-a', r2.id, 'revoke')).status, 409);

  // Revoked: from sent and from accepted; final.
  const r3 = await send(c.id, C, { purpose: 'education' });
  r = await act('cw-a', r3.id, 'revoke', { date: '2021-03-11' });
  assert.equal(r.status, 200);
  assert.equal(r.json.referrals.find((x) => x.id === r3.id).status, 'revoked');
  for (const name of ['accept', 'reject', 'complete']) assert.equal((await act('cw-c', r3.id, name)).status, 409, name);
  assert.equal((await act('cw-a', r3.id, 'revoke')).status, 409);
  assert.equal((await as['cw-c'].get(`/api/v1/cases/${c.id}`)).status, 404, 'a revoked referral shows nothing');
  const r4 = await send(c.id, C, { purpose: 'education' });
  assert.equal((await act('cw-c', r4.id, 'accept')).status, 200);
  assert.equal((await act('cw-a', r4.id, 'revoke', { date: '2021-03-13' })).status, 200);
  assert.equal((await as['cw-c'].get(`/api/v1/cases/${c.id}`)).status, 404);
});

test('an act is dated on or after the referral\'s last act', async () => {
  const c = await newCase();
  const early = (r, reason) => {
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.errors, [{ field: 'date', reason }]);
  };
  const r1 = await send(c.id, B);
  early(await act('cw-b', r1.id, 'accept', { date: '2021-03-09' }), 'cannot be before the date the referral was sent (2021-03-10)');
  early(await act('cw-b', r1.id, 'reject', { date: '2021-03-09' }), 'cannot be before the date the referral was sent (2021-03-10)');
  assert.equal((await act('cw-b', r1.id, 'accept', { date: '2021-03-20' })).status, 200);
  early(await act('cw-b', r1.id, 'complete', { date: '2021-03-15' }), 'cannot be before the date the referral was accepted (2021-03-20)');
  early(await act('cw-a', r1.id, 'revoke', { date: '2021-03-19' }), 'cannot be before the date the referral was accepted (2021-03-20)');
  let r = await act('cw-b', r1.id, 'complete', { date: '2021-03-20' });
  assert.equal(r.status, 200, 'the same day will do');
  // A final referral is a 409 whatever the date.
  assert.equal((await act('cw-a', r1.id, 'revoke', { date: '2021-03-11' })).status, 409);
  const r2 = await send(c.id, C, { purpose: 'education', date: '2021-03-12' });
  early(await act('cw-a', r2.id, 'revoke', { date: '2021-03-11' }), 'cannot be before the date the referral was sent (2021-03-12)');
  r = await act('cw-a', r2.id, 'revoke', { date: '2021-03-12' });
  assert.equal(r.status, 200, r.text);
  const events = r.json.referrals.find((x) => x.id === r1.id).events.map((e) => `${e.action}@${e.date}`);
  assert.deepEqual(events, ['sent@2021-03-10', 'accepted@2021-03-20', 'completed@2021-03-20']);
});

test('a receiver that rejects loses the case at once', async () => {
  const c = await newCase();
  const ref = await send(c.id, B);
  const r = await act('cw-b', ref.id, 'reject');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json), ['referral']);
  assert.ok(!r.text.includes(NAME));
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 404);
});

test('scope of referral acts: strangers 404, roles that never may 403, coordinators answer for anyone', async () => {
  const c = await newCase();
  const ref = await send(c.id, B);
  assert.equal((await act('cw-c', ref.id, 'accept')).status, 404);
  assert.equal((await act('cw-c', ref.id, 'revoke')).status, 404);
  assert.equal((await act('analyst', ref.id, 'accept')).status, 403);
  assert.equal((await act('liaison', ref.id, 'accept')).status, 404, 'a referral to another office is none of theirs');
  assert.equal((await act('cw-b', 999999, 'accept')).status, 404);
  assert.equal((await act('cw-b', 'abc', 'accept')).status, 404);
  assert.equal((await as.analyst.post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[P], purpose: 'medical', date: '2021-03-11' })).status, 403);
  assert.equal((await as['cw-a'].post('/api/v1/cases/999999/referrals', { to_organisation_id: org[P], purpose: 'medical', date: '2021-03-11' })).status, 404);
  // A stranger can neither send nor see.
  assert.equal((await as['cw-c'].post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[P], purpose: 'medical', date: '2021-03-11' })).status, 404);
  // The coordinator (another organisation) sees every case and may answer for the receiver...
  assert.equal((await as.coord.get(`/api/v1/cases/${c.id}`)).status, 200);
  let r = await act('coord', ref.id, 'accept');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.referrals[0].status, 'accepted');
  // ...but revoking is for the sender.
  r = await act('coord', ref.id, 'revoke');
  assert.equal(r.status, 403);
  // A coordinator may send a referral of any case, from its own organisation.
  r = await as.coord.post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[C], purpose: 'identification', date: '2021-03-11' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.referrals.at(-1).from, { id: org[N], name: N });
  // Now C is a receiver too, and may refer the case onwards.
  r = await as['cw-c'].post(`/api/v1/cases/${c.id}/referrals`, { to_organisation_id: org[P], purpose: 'medical', date: '2021-03-11' });
  assert.equal(r.status, 201, r.text);
});

test('a liaison office reads the cases referred to it, and its inbox', async () => {
  const c = await newCase();
  assert.equal((await as.liaison.get(`/api/v1/cases/${c.id}`)).status, 404);
  const ref = await send(c.id, P, { purpose: 'legal_representation' });
  const g = await as.liaison.get(`/api/v1/cases/${c.id}`);
  assert.equal(g.status, 200);
  assert.ok(!g.text.includes(NAME));
  const accepted = await act('liaison', ref.id, 'accept');
  assert.equal(accepted.status, 200, 'a prosecutor\'s office answers the referrals sent to it');
  const inbox = await as.liaison.get('/api/v1/referrals?direction=incoming');
  assert.ok(inbox.json.items.some((i) => i.id === ref.id));
  assert.equal((await as.liaison.post(`/api/v1/cases/${c.id}/services`, { type: 'medical', status: 'planned' })).status, 403);
});

test('inbox and outbox: pseudonymous summaries, filters, paging, and bad queries named', async () => {
  const c = await newCase({ person: { given_name: NAME, sex: 'male', birth_year: 1980 }, exploitation: ['forced_labour', 'domestic_servitude'] });
  const ref = await send(c.id, C, { purpose: 'employment', date: '2021-04-01' });
  await act('cw-c', ref.id, 'accept', { date: '2021-04-03' });

  let r = await as['cw-c'].get('/api/v1/referrals?direction=incoming');
  assert.equal(r.status, 200, r.text);
  const item = r.json.items.find((i) => i.id === ref.id);
  assert.deepEqual(item, {
    id: ref.id, direction: 'incoming',
    case: { id: c.id, case_number: c.case_number, status: 'referred', sex: 'male', age_at_referral: 41, child: false, exploitation: ['domestic_servitude', 'forced_labour'] },
    from: { id: org[A], name: A }, to: { id: org[C], name: C }, status: 'accepted', status_date: '2021-04-03',
    purpose: 'employment', share_identity: false, sent_date: '2021-04-01',
  });
  assert.ok(!r.text.includes(NAME));
  assert.ok(r.json.items.every((i) => i.to.id === org[C] && i.direction === 'incoming'));
  r = await as['cw-c'].get('/api/v1/referrals?direction=outgoing');
  assert.ok(r.json.items.every((i) => i.from.id === org[C]));
  r = await as['cw-a'].get('/api/v1/referrals?direction=outgoing&status=accepted');
  assert.ok(r.json.items.some((i) => i.id === ref.id));
  assert.ok(r.json.items.every((i) => i.status === 'accepted' && i.direction === 'outgoing'));
  r = await as['cw-a'].get('/api/v1/referrals?direction=incoming');
  assert.equal(r.json.total, 0, 'A received nothing');
  const both = await as['cw-c'].get('/api/v1/referrals');
  const pageOne = await as['cw-c'].get('/api/v1/referrals?per_page=1&page=1');
  const pageTwo = await as['cw-c'].get('/api/v1/referrals?per_page=1&page=2');
  assert.equal(pageOne.json.total, both.json.total);
  assert.equal(pageOne.json.items.length, 1);
  assert.notEqual(pageOne.json.items[0].id, pageTwo.json.items[0].id);
  assert.ok(both.json.items[0].sent_date >= both.json.items.at(-1).sent_date, 'newest first');
  // Another organisation's referrals never appear.
  r = await as['cw-b'].get('/api/v1/referrals?status=accepted');
  assert.ok(!r.json.items.some((i) => i.id === ref.id));

  r = await as['cw-a'].get('/api/v1/referrals?direction=sideways&status=lost&per_page=0&page=x');
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['query.direction', 'query.page', 'query.per_page', 'query.status']);
  r = await as['cw-a'].get('/api/v1/referrals?org=1');
  assert.equal(r.status, 400);
  assert.equal((await as.analyst.get('/api/v1/referrals')).status, 403);
  const audit = srv.cli(['audit', 'list', '--action', 'referral.list', '--limit', '500']).stdout;
  assert.match(audit, /count=/);
});

test('every referral act is audited with ids only, and the chain holds', async () => {
  const rows = (action) => srv.cli(['audit', 'list', '--action', action, '--limit', '500']).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  for (const action of ['referral.send', 'referral.accept', 'referral.reject', 'referral.complete', 'referral.revoke']) {
    const got = rows(action);
    assert.ok(got.length > 0, action);
    assert.ok(got.every((a) => a.object_type === 'referral' && /^case=\d+/.test(a.detail)), action);
  }
  assert.ok(!srv.cli(['audit', 'list', '--limit', '500']).stdout.includes(NAME));
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

test('withdrawing consent stops identity sharing through earlier referrals', async () => {
  const c = await newCase({ referral: { date: '2021-03-04', source: 'ngo', consent: true } });
  await send(c.id, C, { share_identity: true });
  assert.equal((await as['cw-c'].get(`/api/v1/cases/${c.id}/identity`)).status, 200);
  await as['cw-a'].post(`/api/v1/cases/${c.id}/consent`, { consent: false, date: '2021-03-20' });
  assert.equal((await as['cw-c'].get(`/api/v1/cases/${c.id}/identity`)).status, 403);
});

test('an upsert import replaces a case together with its referrals and their acts', async () => {
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const c = await newCase({ ref: 'REF-UPSERT-1' });
  const ref = await send(c.id, B);
  await act('cw-b', ref.id, 'accept');
  await as['cw-a'].post(`/api/v1/cases/${c.id}/services`, { type: 'medical', status: 'planned' });
  await as['cw-a'].post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: '2021-03-05', note: 'x (synthetic)' });
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ref-'));
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, JSON.stringify(doc({ ref: 'REF-UPSERT-1' })) + '\n');
  const r = srv.cli(['import', '--org', A, '--upsert', file]);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  // SQLite may give the new case the old id; either way nothing of the old one remains.
  const newest = (await as['cw-a'].get('/api/v1/cases?sort=updated_at&order=desc&per_page=1')).json.items[0];
  const g = await as['cw-a'].get(`/api/v1/cases/${newest.id}`);
  assert.equal(g.json.ref, 'REF-UPSERT-1');
  assert.deepEqual([g.json.referrals, g.json.services, g.json.reflection_periods], [[], [], []]);
  assert.equal((await act('cw-b', ref.id, 'complete')).status, 404, 'and its referral with it');
  const list = await as['cw-b'].get('/api/v1/referrals');
  assert.ok(!list.json.items.some((i) => i.id === ref.id));
});

test('an upsert import refuses to replace a case whose later records no case document carries', async () => {
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const c = await newCase({ ref: 'REF-UPSERT-2' });
  const s = await as['cw-a'].post(`/api/v1/cases/${c.id}/removals`, { date: '2021-03-10', kind: 'expulsion' });
  assert.equal(s.status, 201, s.text);
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ref-'));
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, JSON.stringify(doc({ ref: 'REF-UPSERT-2' })) + '\n');
  const r = srv.cli(['import', '--org', A, '--upsert', file]);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /line 1.*ref.*removals recorded in Lantern/s);
  const g = await as['cw-a'].get(`/api/v1/cases/${c.id}`);
  assert.equal(g.status, 200, 'the case is still there');
  assert.equal(g.json.removals.length, 1);
});
