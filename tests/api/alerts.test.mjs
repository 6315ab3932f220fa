// Compliance alerts: raised by the rules after every write to a case,
// listed within the caller's scope, resolved only once the data no longer
// shows the problem (409 before), justified with a sealed and audited reason,
// cleared when the data is fixed and reopened when the problem returns; and
// the command line. Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Alerts Center A (synthetic)', B = 'Alerts NGO B (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
  { username: 'aud', role: 'auditor', org: A, password: 'auditor-pass-123' },
];
let srv;
const as = {};

/** The date N days from today (negative: in the past), YYYY-MM-DD. */
function day(n) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function newCase(over = {}) {
  const body = {
    person: { sex: 'female', birth_year: 1995, citizenship: ['RS'] },
    referral: { date: day(-60), source: 'police' },
    exploitation: ['sexual'],
    ...over,
  };
  const r = await as['cw-a'].post('/api/v1/cases', body);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function alertsOf(who, caseId, rule) {
  const r = await as[who].get(`/api/v1/alerts?case=${caseId}${rule ? `&rule=${rule}` : ''}`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

before(async () => {
  srv = await startLantern({ orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
});
after(async () => { await srv?.stop(); });

test('a write raises an alert; the list filters by rule, case and status within the scope', async () => {
  const c = await newCase();
  const r = await as['cw-a'].post(`/api/v1/cases/${c.id}/services`,
                                  { type: 'medical', status: 'active', start_date: day(-50) });
  assert.equal(r.status, 201, r.text);
  const serviceId = r.json.services[0].id;
  const items = await alertsOf('coord', c.id, 'service-without-consent');
  assert.equal(items.length, 1);
  const a = items[0];
  assert.equal(a.status, 'open');
  assert.equal(a.case_id, c.id);
  assert.equal(a.case_number, c.case_number);
  assert.equal(a.subject, `service:${serviceId}`);
  assert.ok(a.refs.includes('CoE 12(7)'), JSON.stringify(a.refs));
  assert.ok(a.title && a.standard && a.action && a.message);
  // The rule's words in Serbian beside the English (the message stays English).
  assert.equal(a.title_sr, 'Usluga pružena bez informisane saglasnosti');
  assert.match(a.standard_sr, /informisanu saglasnost/);
  assert.ok(a.action_sr && a.action_sr !== a.action);
  assert.doesNotMatch(a.message, /synthetic/i);
  assert.equal(a.justification, null, 'a coordinator sees the (empty) justification');

  // The case number works as the case filter too; filters combine.
  const byNumber = await as.coord.get(`/api/v1/alerts?case=${c.case_number}&status=open&severity=${a.severity}`);
  assert.ok(byNumber.json.items.some((x) => x.id === a.id));
  assert.ok(byNumber.json.open_by_rule['service-without-consent'] >= 1);
  assert.equal((await as.coord.get('/api/v1/alerts?case=LT-1900-000001')).json.total, 0);
  const bad = await as.coord.get('/api/v1/alerts?status=shut&severity=huge&rule=no-such-rule&case=-4');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(),
                   ['query.case', 'query.rule', 'query.severity', 'query.status']);
  assert.equal((await as.coord.get('/api/v1/alerts?per_page=1')).json.items.length, 1);

  // Scope: the owner's caseworker sees it, without the justification member;
  // a caseworker of another organisation sees nothing; an analyst may not look.
  const own = await alertsOf('cw-a', c.id);
  assert.ok(own.some((x) => x.id === a.id));
  assert.ok(!('justification' in own[0]));
  assert.equal((await alertsOf('cw-b', c.id)).length, 0);
  assert.equal((await as['cw-b'].get(`/api/v1/alerts/${a.id}`)).status, 404);
  assert.equal((await as.analyst.get('/api/v1/alerts')).status, 403);
  assert.equal((await as.analyst.get('/api/v1/compliance/rules')).status, 403);
  const one = await as['cw-a'].get(`/api/v1/alerts/${a.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json.events.map((e) => [e.action, e.by]), [['raised', null]]);

  // The case document carries its open alerts for those who may read them.
  const kase = await as['cw-a'].get(`/api/v1/cases/${c.id}`);
  assert.ok(kase.json.alerts.some((x) => x.id === a.id));
  assert.ok(kase.json.alerts.some((x) => x.rule === 'identification-overdue'));
});

test('resolve is 409 while the data shows the problem; recording the fix clears the alert', async () => {
  const c = await newCase();
  const r = await as['cw-a'].post(`/api/v1/cases/${c.id}/services`,
                                  { type: 'psychological', status: 'active', start_date: day(-50) });
  const serviceId = r.json.services[0].id;
  const [a] = await alertsOf('coord', c.id, 'service-without-consent');
  assert.equal((await as['cw-a'].post(`/api/v1/alerts/${a.id}/resolve`, {})).status, 403);
  const refused = await as.coord.post(`/api/v1/alerts/${a.id}/resolve`, { note: 'Looked at (synthetic).' });
  assert.equal(refused.status, 409, refused.text);
  assert.match(refused.json.detail, /still shows the problem: record the fix .* or justify/);
  assert.equal((await as.coord.get(`/api/v1/alerts/${a.id}`)).json.status, 'open');

  const fixed = await as['cw-a'].request('PATCH', `/api/v1/cases/${c.id}/services/${serviceId}`,
                                          { body: { consent: { date: day(-50), language: 'sr' } } });
  assert.equal(fixed.status, 200, fixed.text);
  assert.ok(!fixed.json.alerts.some((x) => x.id === a.id), 'a cleared alert leaves the case document');
  const after = await as.coord.get(`/api/v1/alerts/${a.id}`);
  assert.equal(after.json.status, 'resolved');
  assert.equal(after.json.resolved_by, null);
  assert.ok(after.json.resolved_at);
  assert.deepEqual(after.json.events.map((e) => e.action), ['raised', 'cleared']);
  // Resolving what is already resolved changes nothing.
  const again = await as.coord.post(`/api/v1/alerts/${a.id}/resolve`, {});
  assert.equal(again.status, 200);
  assert.deepEqual(again.json.events.map((e) => e.action), ['raised', 'cleared']);
});

test('a justification is required, sealed, shown to resolvers only and audited; a justified alert is resolved after the fix', async () => {
  const c = await newCase();
  const [a] = (await alertsOf('coord', c.id, 'identification-overdue')).filter((x) => x.subject === 'reasonable_grounds');
  assert.ok(a, 'reasonable grounds pending for 60 days raise an alert');
  let r = await as.coord.post(`/api/v1/alerts/${a.id}/justify`, {});
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.errors, [{ field: 'reason', reason: 'is required' }]);
  r = await as.coord.post(`/api/v1/alerts/${a.id}/justify`, { reason: '   ' });
  assert.equal(r.status, 400);
  r = await as.coord.post(`/api/v1/alerts/${a.id}/justify`, { reason: 'x'.repeat(2001) });
  assert.equal(r.status, 400);
  assert.equal((await as['cw-a'].post(`/api/v1/alerts/${a.id}/justify`, { reason: 'No (synthetic).' })).status, 403);
  r = await as.coord.post(`/api/v1/alerts/${a.id}/justify`, { reason: 'The body awaits a court record (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'justified');
  assert.equal(r.json.justification, 'The body awaits a court record (synthetic).');
  assert.deepEqual(r.json.events.map((e) => [e.action, e.by]), [['raised', null], ['justified', 'coord']]);
  const seen = await as['cw-a'].get(`/api/v1/alerts/${a.id}`);
  assert.equal(seen.json.status, 'justified');
  assert.ok(!('justification' in seen.json));
  const audit = await as.aud.get(`/api/v1/audit?action=alert.justify&object_id=${a.id}`);
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.json.items.length, 1);
  assert.doesNotMatch(JSON.stringify(audit.json), /court record/);
  const kase = await as.coord.get(`/api/v1/cases/${c.id}`);
  assert.ok(kase.json.alerts.some((x) => x.id === a.id && x.status === 'justified'));
  assert.ok(kase.json.timeline.some((e) => e.kind === 'alert' && e.action === 'justified'));

  // Still justified while the rule finds it; after the fix it stays
  // justified until a coordinator resolves it.
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/transitions`,
                            { action: 'reasonable_grounds', outcome: 'positive', date: day(-1), reasons: 'Indicators (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await as.coord.get(`/api/v1/alerts/${a.id}`)).json.status, 'justified');
  r = await as.coord.post(`/api/v1/alerts/${a.id}/resolve`, { note: 'Decided (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'resolved');
  assert.equal(r.json.resolved_by, 'coord');
  assert.deepEqual(r.json.events.map((e) => e.action), ['raised', 'justified', 'resolved']);
  const resolved = await as.aud.get(`/api/v1/audit?action=alert.resolve&object_id=${a.id}`);
  assert.equal(resolved.json.items.length, 1);
  // Nothing is left to justify.
  assert.equal((await as.coord.post(`/api/v1/alerts/${a.id}/justify`, { reason: 'Late (synthetic).' })).status, 409);
  assert.equal((await as.coord.post('/api/v1/alerts/999999/justify', { reason: 'x' })).status, 404);
});

test('an alert cleared by a fix opens again when the problem returns', async () => {
  const c = await newCase({ person: { sex: 'male', birth_year: Number(day(0).slice(0, 4)) - 15, citizenship: ['RS'] },
                            referral: { date: day(-20), source: 'ngo' } });
  const put = async (v) => {
    const r = await as['cw-a'].request('PUT', `/api/v1/cases/${c.id}/unaccompanied`, { body: { unaccompanied: v } });
    assert.equal(r.status, 200, r.text);
  };
  await put(true);
  const [a] = await alertsOf('coord', c.id, 'child-without-guardian');
  assert.equal(a.status, 'open');
  await put(false);
  assert.equal((await as.coord.get(`/api/v1/alerts/${a.id}`)).json.status, 'resolved');
  await put(true);
  const back = await as.coord.get(`/api/v1/alerts/${a.id}`);
  assert.equal(back.json.status, 'open');
  assert.equal(back.json.resolved_at, null);
  assert.deepEqual(back.json.events.map((e) => e.action), ['raised', 'cleared', 'reopened']);
});

test('the rules are listed with their references and thresholds', async () => {
  const r = await as['cw-a'].get('/api/v1/compliance/rules');
  assert.equal(r.status, 200);
  const ids = r.json.rules.map((x) => x.id);
  for (const id of ['reflection-period-missing', 'identification-overdue', 'unequal-access-foreign', 'identity-disclosed'])
    assert.ok(ids.includes(id), id);
  const overdue = r.json.rules.find((x) => x.id === 'identification-overdue');
  assert.equal(overdue.scope, 'case');
  assert.equal(typeof overdue.thresholds.conclusive_days, 'number');
  assert.equal(r.json.rules.find((x) => x.id === 'unequal-access-foreign').scope, 'register');
  // Every rule carries its words in Serbian too.
  for (const rule of r.json.rules)
    assert.ok(rule.title_sr && rule.standard_sr && rule.action_sr, `${rule.id} has Serbian words`);
  assert.match(overdue.title_sr, /identifikaciji/);
});

test('the command line lists, rechecks, resolves and justifies', async () => {
  const c = await newCase();
  let r = srv.cli(['alerts', '--recheck', '--case', c.case_number]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /raised \d+, reopened \d+, cleared \d+, open \d+/);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.total, doc.items.length);
  assert.ok(doc.items.every((x) => x.case_id === c.id));
  const overdue = doc.items.find((x) => x.rule === 'identification-overdue');
  assert.ok(overdue);

  r = srv.cli(['alerts', '--format', 'text', '--rule', 'identification-overdue', '--status', 'open']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ID +SEVERITY +STATUS +RULE/);
  assert.match(r.stdout, new RegExp(c.case_number));

  for (const [args, name] of [[['--status', 'shut'], '--status'], [['--format', 'xml'], '--format'],
                              [['--rule', 'nope'], '--rule'], [['--bogus'], '--bogus']]) {
    r = srv.cli(['alerts', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(name), r.stderr);
  }
  r = srv.cli(['alerts', 'resolve', String(overdue.id)]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /still shows the problem/);
  r = srv.cli(['alerts', 'justify', String(overdue.id)]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--reason/);
  r = srv.cli(['alerts', 'justify', String(overdue.id), '--reason', 'Operator note (synthetic).']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).status, 'justified');
  assert.equal((await as.coord.get(`/api/v1/alerts/${overdue.id}`)).json.justification, 'Operator note (synthetic).');
});

test('the server rechecks at start and logs the counts without personal data', async () => {
  const logs = srv.logs();
  const line = logs.split('\n').find((l) => l.includes('"event":"alerts_recheck"'));
  assert.ok(line, logs);
  const rec = JSON.parse(line);
  for (const k of ['cases', 'raised', 'reopened', 'cleared', 'open']) assert.equal(typeof rec[k], 'number', k);
});
