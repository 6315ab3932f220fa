// The filtered case list (GET /api/v1/cases) answers exactly what the SQL it
// had before its speed-up (bench/README.md, cases.sh) answers: for hundreds
// of filter combinations, each as the coordinator and as case workers whose
// scope is their organisation plus the cases referred to it, every page's
// rows in order and the `total` are compared with the old count and page
// queries, kept below as the reference and run by the sqlite3 shell on the
// same database. The register: 3,000 cases from bench/lib/gen_cases.awk
// (invented names) over three organisations, with groups, referrals in every
// status, review decisions, and a few cases and persons with ids far above
// the rest, added with SQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'List Centre A (synthetic)', B = 'List NGO B (synthetic)', C = 'List Centre C (synthetic)';
const users = [
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'cw-c', role: 'caseworker', org: C, password: 'caseworker-pass-c' },
];
const CASES = 3000;
const GEN = new URL('../../bench/lib/gen_cases.awk', import.meta.url).pathname;

// Ids around the end of the list's bitmap (2^27) and far beyond it.
const FAR_IDS = [134217727, 134217728, 1099511627776];

let srv, dir, db;
const as = {};
const org = {};     // name -> id
let caseNumbers = []; // a few real case numbers

/** Runs SQL with the sqlite3 shell on the server's database; returns stdout. */
function sql(text) {
  const r = spawnSync('sqlite3', ['-bail', db], { input: text, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  srv = await startLantern({
    orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }, { name: C, kind: 'center' }], users,
  });
  db = join(srv.dataDir, 'lantern.db');
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  dir = mkdtempSync(join(tmpdir(), 'lantern-list-'));
  const gen = spawnSync('awk', ['-v', `rows=${CASES}`, '-v', 'seed=777', '-f', GEN], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  const lines = gen.stdout.trim().split('\n');
  assert.equal(lines.length, CASES);
  // Owners interleaved (A 3 in 5, B and C 1 in 5), so each owner's ids are spread.
  const part = { [A]: [], [B]: [], [C]: [] };
  lines.forEach((l, i) => part[[A, A, A, B, C][i % 5]].push(l));
  for (const [name, ls] of Object.entries(part)) {
    const f = join(dir, `${name.length}-${ls.length}.jsonl`);
    writeFileSync(f, ls.join('\n') + '\n');
    const r = srv.cli(['import', '--org', name, f]);
    assert.equal(r.status, 0, r.stderr);
  }
  for (const line of sql('SELECT id, name FROM organisations;').trim().split('\n')) {
    const [id, name] = line.split('|');
    org[name] = Number(id);
  }
  // What the import does not write: groups, referrals in every status,
  // reviews, later decisions, other statuses, and far ids.
  const far = FAR_IDS.map((id, i) => `
    INSERT INTO persons(id, organisation_id, sex, created_at) VALUES (${id + 7}, ${org[B]}, 'female', 0);
    INSERT INTO person_citizenships VALUES (${id + 7}, 'BA'), (${id + 7}, 'RS');
    INSERT INTO cases(id, case_number, number_year, number_seq, person_id, organisation_id, status,
      referral_date, referral_year, referral_source, age_at_referral, is_child, created_at, updated_at)
      VALUES (${id}, 'LT-2022-90000${i}', 2022, 90000${i}, ${id + 7}, ${[org[A], org[B], org[C]][i]},
      'referred', '2022-12-0${i + 1}', 2022, 'police', 16, 1, 0, 0);
    INSERT INTO case_exploitation VALUES (${id}, 'forced_labour'), (${id}, 'sexual');
    INSERT INTO referrals(case_id, from_org, to_org, status, sent_date, updated_at)
      VALUES (${id}, ${[org[A], org[B], org[C]][i]}, ${[org[B], org[C], org[A]][i]}, 'accepted', '2022-12-10', 0);`).join('\n');
  sql(`BEGIN;
    INSERT INTO group_cases(id, organisation_id, name, created_at) VALUES
      (1, ${org[A]}, 'Farm site (synthetic)', 0), (2, ${org[B]}, 'Workshop (synthetic)', 0),
      (3, ${org[C]}, 'Building site (synthetic)', 0);
    UPDATE cases SET group_id = 1 + id % 3 WHERE id % 17 = 0;
    UPDATE cases SET status = 'under_assessment' WHERE status = 'referred' AND id % 4 = 0;
    UPDATE cases SET status_before_close = status, status = 'closed' WHERE id % 23 = 0;
    INSERT INTO referrals(case_id, from_org, to_org, status, sent_date, updated_at)
      SELECT id, organisation_id, CASE WHEN organisation_id = ${org[B]} THEN ${org[A]} ELSE ${org[B]} END,
        CASE id % 5 WHEN 0 THEN 'sent' WHEN 1 THEN 'accepted' WHEN 2 THEN 'rejected'
          WHEN 3 THEN 'completed' ELSE 'revoked' END, referral_date, 0
      FROM cases WHERE id % 7 = 0;
    INSERT INTO referrals(case_id, from_org, to_org, status, sent_date, updated_at)
      SELECT id, organisation_id, CASE WHEN organisation_id = ${org[C]} THEN ${org[A]} ELSE ${org[C]} END,
        CASE id % 3 WHEN 0 THEN 'sent' WHEN 1 THEN 'revoked' ELSE 'completed' END, referral_date, 0
      FROM cases WHERE id % 49 = 0;
    INSERT INTO case_decisions(case_id, stage, outcome, decision_date, created_at)
      SELECT case_id, 'review', CASE case_id % 2 WHEN 0 THEN 'upheld' ELSE 'overturned' END, decision_date, 0
      FROM case_decisions WHERE outcome = 'not_identified' AND case_id % 3 = 0;
    INSERT INTO case_decisions(case_id, stage, outcome, decision_date, created_at)
      SELECT case_id, 'conclusive', 'identified', decision_date, 0
      FROM case_decisions WHERE outcome = 'not_identified' AND case_id % 3 = 1;
    INSERT INTO case_decisions(case_id, stage, outcome, decision_date, created_at)
      SELECT id, 'reasonable_grounds', CASE id % 2 WHEN 0 THEN 'negative' ELSE 'positive' END, referral_date, 0
      FROM cases WHERE id % 11 = 0 AND id NOT IN (SELECT case_id FROM case_decisions);
    ${far}
    COMMIT;`);
  caseNumbers = sql('SELECT case_number FROM cases WHERE id % 401 = 5 OR id = 134217728 ORDER BY id;')
    .trim().split('\n');
  assert.ok(caseNumbers.length >= 5);
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// --- the reference: the list's SQL before bench/README.md's cases.sh work ---
// (src/store/sqlite_cases.c: case_where, the count and the page query), with
// each parameter replaced by its literal.
function oldWhere(f) {
  let w = ' WHERE 1';
  if (f.status) w += ' AND c.status = ?1';
  if (f.source) w += ' AND c.referral_source = ?2';
  if (f.exploitation) w += ' AND EXISTS (SELECT 1 FROM case_exploitation e WHERE '
    + 'e.case_id = c.id AND e.form = ?3)';
  if (f.sex) w += ' AND p.sex = ?4';
  if (f.citizenship) w += ' AND EXISTS (SELECT 1 FROM person_citizenships pc WHERE '
    + 'pc.person_id = c.person_id AND pc.country = ?5)';
  if (f.number) w += ' AND c.case_number = ?6';
  if (f.year) w += ' AND c.number_year = ?7';
  if (f.child !== undefined) w += ' AND c.is_child = ?8';
  if (f.organisation) w += ' AND c.organisation_id = ?9';
  if (f.group) w += ' AND c.group_id = ?10';
  // The definition of docs/cases.md, written plainly: the last decision
  // other than a review was negative, and no review came after it.
  if (f.negative_unreviewed === 'true') w += " AND (SELECT d.outcome FROM case_decisions d WHERE d.case_id = "
    + "c.id AND d.stage <> 'review' ORDER BY d.id DESC LIMIT 1) IN ('negative', 'not_identified') "
    + "AND NOT EXISTS (SELECT 1 FROM case_decisions r WHERE r.case_id = c.id AND r.stage = 'review' "
    + "AND r.id > (SELECT max(l.id) FROM case_decisions l WHERE l.case_id = c.id AND l.stage <> 'review'))";
  if (f.scope) w += ' AND (c.organisation_id = ?11 OR EXISTS (SELECT 1 FROM '
    + "referrals r WHERE r.case_id = c.id AND r.to_org = ?11 AND "
    + "r.status IN ('sent', 'accepted', 'completed')))";
  return w;
}

function orderClause(sort, desc) {
  if (!sort || sort === 'case_number') return desc ? 'c.number_year DESC, c.number_seq DESC' : 'c.number_year, c.number_seq';
  if (sort === 'referral_date') return desc ? 'c.referral_date DESC, c.id DESC' : 'c.referral_date, c.id';
  if (sort === 'status') return desc ? 'c.status DESC, c.id DESC' : 'c.status, c.id';
  return desc ? 'c.updated_at DESC, c.id DESC' : 'c.updated_at, c.id';
}

const lit = (v) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** The old count and page SQL for request R, parameters bound as literals. */
function oldQueries(r) {
  const f = r.filter;
  const params = {
    1: f.status, 2: f.source, 3: f.exploitation, 4: f.sex, 5: f.citizenship, 6: f.number,
    7: f.year && Number(f.year), 8: f.child === undefined ? undefined : (f.child === 'true' ? 1 : 0),
    9: f.organisation && Number(f.organisation), 10: f.group && Number(f.group), 11: f.scope,
    12: r.perPage, 13: (r.page - 1) * r.perPage,
  };
  const bind = (text) => text.replace(/\?(\d+)/g, (_, n) => lit(params[n]));
  const join = f.sex ? ' JOIN persons p ON p.id = c.person_id' : '';
  const where = oldWhere(f);
  const order = orderClause(r.sort, r.order === 'desc');
  const count = `SELECT count(*) FROM cases c${join}${where}`;
  const page = 'SELECT c.id, c.case_number, c.status, p.sex, coalesce(c.age_at_referral, -1), '
    + 'coalesce(c.is_child, -1), c.referral_date, c.referral_source, '
    + 'c.organisation_id, o.name, coalesce(c.group_id, 0), '
    + '(SELECT group_concat(form, \',\') FROM case_exploitation e WHERE e.case_id = c.id) '
    + `FROM (SELECT c.id FROM cases c${join}${where} ORDER BY ${order} LIMIT ?12 OFFSET ?13) pg `
    + 'JOIN cases c ON c.id = pg.id JOIN persons p ON p.id = c.person_id '
    + `JOIN organisations o ON o.id = c.organisation_id ORDER BY ${order}`;
  return { count: bind(count), page: bind(page) };
}

// --- the requests ---
function rng(seed) { // mulberry32: the same combinations on every run
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function filterValues() {
  return {
    status: ['referred', 'under_assessment', 'identified', 'not_identified', 'closed'],
    year: ['2018', '2019', '2020', '2021', '2022', '2023', '2024'],
    source: ['police', 'border_police', 'social_welfare', 'ngo', 'hotline', 'self', 'other',
             'foreign_authority'],
    exploitation: ['sexual', 'forced_labour', 'forced_begging', 'domestic_servitude',
                   'forced_criminality', 'forced_marriage', 'pornography', 'illegal_adoption',
                   'organ_removal', 'surrogacy', 'armed_conflict', 'slavery', 'other'],
    sex: ['female', 'male', 'other', 'unknown'],
    child: ['true', 'false'],
    citizenship: ['RS', 'BA', 'MK', 'AL', 'VN', 'NG', 'DE'],
    organisation: [String(org[A]), String(org[B]), String(org[C])],
    number: [...caseNumbers.slice(0, 4), caseNumbers.at(-1), 'LT-1999-000001'],
    group: ['1', '2', '3', '99'],
    negative_unreviewed: ['true', 'false'],
  };
}

/** Every filter alone with each of its values; every pair of filters; random
 *  combinations of two to four. */
function filterSets() {
  const values = filterValues();
  const kinds = Object.keys(values);
  const rand = rng(20240601);
  const pick = (k) => values[k][Math.floor(rand() * values[k].length)];
  const sets = [{}];
  for (const k of kinds) for (const v of values[k]) sets.push({ [k]: v });
  for (let i = 0; i < kinds.length; i++) {
    for (let j = i + 1; j < kinds.length; j++) {
      for (let n = 0; n < 2; n++) sets.push({ [kinds[i]]: pick(kinds[i]), [kinds[j]]: pick(kinds[j]) });
    }
  }
  for (let n = 0; n < 120; n++) {
    const f = {};
    const want = 2 + Math.floor(rand() * 3);
    while (Object.keys(f).length < want) {
      const k = kinds[Math.floor(rand() * kinds.length)];
      f[k] = pick(k);
    }
    sets.push(f);
  }
  // The benchmark's filter, and the far ids.
  sets.push({ year: '2022', exploitation: 'forced_labour' }, { year: '2022', citizenship: 'BA', child: 'true' });
  return sets;
}

const query = (f, r) => new URLSearchParams({
  ...f, page: String(r.page), per_page: String(r.perPage),
  ...(r.sort ? { sort: r.sort } : {}), ...(r.order ? { order: r.order } : {}),
}).toString();

test('every filter combination answers the rows and total of the reference SQL', async () => {
  const rand = rng(7);
  const sorts = [undefined, 'case_number', 'referral_date', 'status', 'updated_at'];
  const perPages = [1, 7, 50, 200];
  const who = ['coord', 'cw-a', 'cw-b', 'cw-c'];
  const scopeOf = { coord: 0, 'cw-a': org[A], 'cw-b': org[B], 'cw-c': org[C] };
  const done = [];
  const sets = filterSets();
  assert.ok(sets.length > 280, `${sets.length} filter sets`);
  let k = 0;
  for (const f of sets) {
    // Each set as the coordinator and as one case worker, in turn.
    for (const user of ['coord', who[1 + (k++ % 3)]]) {
      const r = {
        filter: { ...f, ...(scopeOf[user] ? { scope: scopeOf[user] } : {}) },
        user, perPage: perPages[Math.floor(rand() * perPages.length)],
        sort: sorts[Math.floor(rand() * sorts.length)], order: rand() < 0.3 ? 'desc' : undefined, page: 1,
      };
      const first = await as[user].get('/api/v1/cases?' + query(f, r));
      assert.equal(first.status, 200, `${user} ${query(f, r)}: ${first.text}`);
      done.push({ ...r, answer: first.json });
      // Then a page in the middle, the last one, or one past it.
      const last = Math.max(1, Math.ceil(first.json.total / r.perPage));
      const page = [Math.ceil(last / 2), last, last + 1][Math.floor(rand() * 3)];
      if (page !== 1) {
        const r2 = { ...r, page };
        const again = await as[user].get('/api/v1/cases?' + query(f, r2));
        assert.equal(again.status, 200, `${user} ${query(f, r2)}: ${again.text}`);
        done.push({ ...r2, answer: again.json });
      }
    }
  }

  // The reference, all in one run of the sqlite3 shell.
  let script = '.mode list\n.separator |\n';
  done.forEach((r, i) => {
    const q = oldQueries(r);
    script += `SELECT 'C${i}', (${q.count});\nSELECT 'P${i}', * FROM (${q.page});\n`;
  });
  const expected = done.map(() => ({ total: null, rows: [] }));
  for (const line of sql(script).split('\n')) {
    if (!line) continue;
    const [tag, ...cols] = line.split('|');
    const e = expected[Number(tag.slice(1))];
    if (tag[0] === 'C') e.total = Number(cols[0]);
    else e.rows.push(cols);
  }

  let withRows = 0, matched = 0, scoped = 0;
  const ids = new Set();
  done.forEach((r, i) => {
    const what = `${r.user} ${query(r.filter, r)}`;
    const a = r.answer, e = expected[i];
    assert.equal(a.total, e.total, `${what}: total`);
    assert.equal(a.page, r.page, what);
    assert.equal(a.per_page, r.perPage, what);
    assert.deepEqual(a.items.map((c) => [
      String(c.id), c.case_number, c.status, c.sex, String(c.age_at_referral ?? -1),
      String(c.child === null ? -1 : Number(c.child)), c.referral_date, c.referral_source,
      String(c.organisation.id), c.organisation.name, String(c.group_id ?? 0), c.exploitation.join(','),
    ]), e.rows, `${what}: rows`);
    if (a.items.length) withRows++;
    if (a.total) matched++;
    if (r.filter.scope) scoped++;
    for (const c of a.items) ids.add(c.id);
  });
  // The comparison means something: most filters match cases, many pages
  // have rows, a third of the answers are scoped, and the far ids were listed.
  console.log(`# ${done.length} answers: ${matched} match cases, ${withRows} have rows, ${scoped} scoped`);
  assert.ok(matched > done.length * 0.6, `${matched} of ${done.length} answers match cases`);
  assert.ok(withRows > done.length * 0.5, `${withRows} of ${done.length} answers have rows`);
  assert.ok(scoped > done.length / 3, `${scoped} scoped answers`);
  for (const id of FAR_IDS) assert.ok(ids.has(id), `case ${id} was listed`);
});

test('the list indexes serve the list, and the statistics keep their plan', () => {
  const indexes = sql("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name;");
  assert.match(indexes, /^cases_list$/m);
  assert.match(indexes, /^person_citizenships_country$/m);
  const plan = sql('EXPLAIN QUERY PLAN SELECT count(*) FROM cases c WHERE c.status = \'closed\' AND c.number_year = 2022;');
  assert.match(plan, /COVERING INDEX cases_list \(number_year=\?\)/);
  // The citizenship index serves the list only, never the statistics by citizenship.
  const stats = sql("EXPLAIN QUERY PLAN SELECT pc.country, count(*) FROM cases c JOIN person_citizenships pc ON "
    + "pc.person_id = c.person_id WHERE c.identification = 'identified' GROUP BY pc.country;");
  assert.doesNotMatch(stats, /person_citizenships_country/);
  const fill = sql("EXPLAIN QUERY PLAN SELECT person_id FROM person_citizenships WHERE country = 'BA' AND length(country) = 2;");
  assert.match(fill, /COVERING INDEX person_citizenships_country \(country=\?\)/);
});
