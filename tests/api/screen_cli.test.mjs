// Black-box tests of `lantern screen`: exit codes, standard output and
// standard error. The binary comes from LANTERN_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = process.env.LANTERN_BIN;
if (!bin) throw new Error('set LANTERN_BIN to the lantern binary');

const dir = mkdtempSync(join(tmpdir(), 'lantern-screen-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function run(args, input) {
  const r = spawnSync(bin, ['screen', ...args], {
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30000,
  });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function screen(doc, args = []) {
  return run(args, typeof doc === 'string' ? doc : JSON.stringify(doc));
}

function ok(r) {
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  return JSON.parse(r.out);
}

function fails(r, ...words) {
  assert.equal(r.code, 2, `expected exit 2, got ${r.code}: ${r.err}`);
  assert.equal(r.out, '', 'nothing on stdout');
  for (const w of words) assert.ok(r.err.includes(w), `stderr lacks ${w}: ${r.err}`);
}

const DIMS = [
  'deceptive_recruitment', 'coercive_recruitment', 'recruitment_vulnerability',
  'exploitation', 'coercion_at_destination', 'destination_vulnerability',
];
const R = ['deceptive_recruitment.nature_of_job', 'deceptive_recruitment.wages'];
const E = ['exploitation.excessive_hours', 'exploitation.low_or_no_salary'];
const D = ['coercion_at_destination.debt_bondage', 'coercion_at_destination.isolation'];

test('the example from the issue prints the documented shape', () => {
  const res = ok(screen({
    profile: 'adult_labour',
    indicators: ['deceptive_recruitment.wages', 'exploitation.excessive_hours'],
  }));
  assert.deepEqual(Object.keys(res),
    ['profile', 'provisional', 'dimensions', 'outcome', 'explanation']);
  assert.equal(res.profile, 'adult_labour');
  assert.equal(res.provisional, false);
  assert.deepEqual(Object.keys(res.dimensions), DIMS);
  assert.deepEqual(res.dimensions.deceptive_recruitment, {
    strong: 0, medium: 1, weak: 0, positive: false,
    indicators: ['deceptive_recruitment.wages'],
  });
  assert.deepEqual(res.dimensions.coercive_recruitment, {
    strong: 0, medium: 0, weak: 0, positive: false, indicators: [],
  });
  assert.equal(res.outcome, 'insufficient_indicators');
  assert.match(res.explanation, /not sufficient/);
});

test('every outcome for adults and children', () => {
  const cases = [
    ['adult_labour', [...R, ...E, ...D], 'trafficking'],
    ['adult_labour', [...R, ...E], 'possible_trafficking'],
    ['adult_labour', [...E, ...D], 'possible_trafficking'],
    ['adult_labour', E, 'labour_exploitation'],
    ['adult_labour', [...R, ...D], 'insufficient_indicators'],
    ['child_labour', E, 'trafficking'],
    ['child_labour', [...R, ...D], 'insufficient_indicators'],
    ['child_sexual', E, 'trafficking'],
  ];
  for (const [profile, indicators, outcome] of cases) {
    const res = ok(screen({ profile, indicators }));
    assert.equal(res.outcome, outcome, `${profile} ${indicators}`);
  }
});

test('reads a file and --profile overrides the document', () => {
  const file = join(dir, 'one.json');
  writeFileSync(file, JSON.stringify({ profile: 'adult_labour', indicators: E }));
  assert.equal(ok(run([file])).outcome, 'labour_exploitation');
  const res = ok(run(['--profile', 'child_labour', file]));
  assert.equal(res.profile, 'child_labour');
  assert.equal(res.outcome, 'trafficking');
  assert.equal(ok(run(['--profile=child_labour', '-'], JSON.stringify({ indicators: E })))
    .outcome, 'trafficking');
  // A file saved with a UTF-8 byte-order mark reads the same.
  const bom = join(dir, 'bom.json');
  writeFileSync(bom, '\ufeff' + JSON.stringify({ profile: 'adult_labour', indicators: E }));
  assert.equal(ok(run([bom])).outcome, 'labour_exploitation');
});

test('an unknown indicator is an error naming it', () => {
  fails(screen({ profile: 'adult_labour', indicators: ['exploitation.nope'] }),
    "unknown indicator 'exploitation.nope'");
});

test('an indicator outside the profile is an error naming it', () => {
  const doc = { profile: 'child_labour', indicators: ['recruitment_vulnerability.false_info_law'] };
  fails(screen(doc), "'recruitment_vulnerability.false_info_law' is not in the child_labour profile");
  assert.equal(ok(screen({ ...doc, profile: 'adult_labour' })).outcome, 'insufficient_indicators');
});

test('a repeated id counts once', () => {
  const res = ok(screen({ profile: 'adult_labour', indicators: [E[0], E[0], E[0]] }));
  assert.equal(res.dimensions.exploitation.strong, 1);
  assert.equal(res.dimensions.exploitation.positive, false);
  assert.deepEqual(res.dimensions.exploitation.indicators, [E[0]]);
});

test('malformed JSON is an error with its byte position', () => {
  fails(screen('{"profile": "adult_labour",, }'), 'byte 27');
  fails(screen(''), 'byte 0');
});

test('bad documents and bad usage exit 2 with nothing on stdout', () => {
  fails(screen({ indicators: [] }), 'profile', '--profile');
  fails(screen({ profile: 'adult', indicators: [] }), "unknown profile 'adult'");
  fails(screen({ indicators: [] }, ['--profile', 'nope']), "unknown profile 'nope'");
  fails(screen({ profile: 'adult_labour', indicators: [7] }), 'indicators[0]', 'string');
  fails(screen({ profile: 'adult_labour', indicators: [], extra: 1 }), 'extra', 'unknown field');
  fails(screen('[]', ['--profile', 'adult_labour']), 'must be a JSON object');
  fails(run(['--bogus']), "unknown option '--bogus'");
  fails(run(['a.json', 'b.json']), 'one FILE');
  fails(run([join(dir, 'absent.json')]), 'absent.json');
});

test('sexual-exploitation profiles are marked provisional', () => {
  const res = ok(screen({ profile: 'adult_sexual', indicators: E }));
  assert.equal(res.provisional, true);
  assert.match(res.explanation, /provisional/);
});

test('the forced-labour checklist lists what is present', () => {
  const res = ok(screen({ profile: 'forced_labour_11', indicators: ['debt_bondage', 'deception'] }));
  assert.deepEqual(res, {
    profile: 'forced_labour_11',
    provisional: false,
    indicators: ['deception', 'debt_bondage'],
    count: 2,
    total: 11,
    outcome: 'indicators_present',
    explanation: res.explanation,
  });
  assert.match(res.explanation, /^2 of the 11 indicators/);
  fails(screen({ profile: 'forced_labour_11', indicators: E }), 'not in the forced_labour_11 profile');
});

test('--group prints one result a row and a summary', () => {
  const file = join(dir, 'group.csv');
  writeFileSync(file, [
    'person,profile,indicators',
    `w1,adult_labour,${[...R, ...E, ...D].join(';')}`,
    `w2,adult_labour,"${E.join('; ')}"`,
    `w3,child_labour,${E.join(';')}`,
    'w4,forced_labour_11,deception',
    'w5,adult_labour,',
    '',
  ].join('\n'));
  const res = ok(run(['--group', file]));
  assert.deepEqual(res.results.map((r) => [r.row, r.person, r.outcome]), [
    [2, 'w1', 'trafficking'],
    [3, 'w2', 'labour_exploitation'],
    [4, 'w3', 'trafficking'],
    [5, 'w4', 'indicators_present'],
    [6, 'w5', 'insufficient_indicators'],
  ]);
  assert.deepEqual(Object.keys(res.results[0].dimensions), DIMS);
  assert.equal(res.summary.people, 5);
  assert.deepEqual(res.summary.outcomes, {
    trafficking: 2, possible_trafficking: 0, labour_exploitation: 1,
    insufficient_indicators: 1, indicators_present: 1, no_indicators: 0,
  });
  assert.deepEqual(res.summary.most_frequent_indicators.slice(0, 2), [
    { indicator: E[0], people: 3 },
    { indicator: E[1], people: 3 },
  ]);
  // One result a line, for line tools.
  assert.equal(res.results.length, res.summary.people);
  assert.equal(run(['--group', file]).out.split('\n').filter((l) => l.startsWith('{"row":')).length, 5);
});

test('--group refuses a file with bad rows and names them', () => {
  const csv = 'w1,adult_labour,exploitation.excessive_hours\n' +
    'w2,child_labour,recruitment_vulnerability.false_info_law\n' +
    'w3,adult_labour,nope\n';
  fails(run(['--group', '-'], csv), 'row 2:', 'not in the child_labour profile',
    "row 3: unknown indicator 'nope'", '2 rows could not be screened');
  fails(run(['--group', '-'], 'a,adult_labour,"unclosed\n'), 'Malformed CSV');
  // One person once: a repeated id would be screened and counted twice.
  fails(run(['--group', '-'], 'w1,adult_labour,\nw2,adult_labour,\nw1,child_labour,\n'),
    "row 3: person 'w1' is already on row 1", '1 row could not be screened');
  fails(run(['--group', '--profile', 'nope', '-'], csv), "unknown profile 'nope'");
});

test('--list prints profiles and indicators; --help exits 0', () => {
  const profiles = run(['--list']);
  assert.equal(profiles.code, 0);
  assert.deepEqual(profiles.out.trim().split('\n').map((l) => l.split('\t')[0]),
    ['adult_labour', 'child_labour', 'adult_sexual', 'child_sexual', 'forced_labour_11']);
  const adult = run(['--list', '--profile', 'adult_labour']).out.trim().split('\n');
  const child = run(['--list', '--profile', 'child_labour']).out.trim().split('\n');
  assert.equal(adult.length, 67);
  assert.equal(child.length, 65);
  assert.ok(adult.some((l) => l.startsWith('recruitment_vulnerability.false_info_law\tmedium\t')));
  assert.ok(!child.some((l) => l.startsWith('recruitment_vulnerability.false_info_law\t')));
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /usage: lantern screen/);
});
