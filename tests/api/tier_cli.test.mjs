// Black-box tests of `lantern tier`: exit codes, JSON lines and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = process.env.LANTERN_BIN;
const repo = fileURLToPath(new URL('../../', import.meta.url));
// The published dataset, kept in the repository (tests/fixtures/README.md).
const dataset = join(repo, 'tests', 'fixtures', 'tip_tiers_1999_2015.csv');
const original = join(repo, '..', 'shared', 'data', 'tip_tiers_1999_2015.csv');
const shipped = join(repo, 'data', 'tiers', 'history.csv');

function lantern(args, input) {
  const r = spawnSync(bin, args, { encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(text) {
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

function withFile(content, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-tier-'));
  try {
    const path = join(dir, 'history.csv');
    writeFileSync(path, content);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('LANTERN_BIN is set', () => {
  assert.ok(bin, 'set LANTERN_BIN to the lantern binary');
});

test('the kept copy of the dataset is the one handed to the project', (t) => {
  if (!existsSync(original)) {
    t.skip('../shared is not beside the repository');
    return;
  }
  assert.ok(readFileSync(dataset).equals(readFileSync(original)));
});

test('check: the 1999-2015 history breaks no rule then in force', () => {
  const r = lantern(['tier', 'check', dataset]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(jsonLines(r.stdout), [{ summary: { placements: 3208, violations: 0 } }]);
});

test('check: the shipped history breaks no rule then in force', () => {
  const r = lantern(['tier', 'check', shipped]);
  assert.equal(r.status, 0, r.stderr);
  const [line, ...rest] = jsonLines(r.stdout);
  assert.deepEqual(rest, []);
  assert.equal(line.summary.violations, 0);
  assert.ok(line.summary.placements >= 3217); // the dataset and Serbia 2016-2024
});

test('check --rules-year 2019: the same history breaks the 2019 rules', () => {
  const r = lantern(['tier', 'check', '--rules-year', '2019', dataset]);
  assert.equal(r.status, 1, r.stderr);
  const lines = jsonLines(r.stdout);
  const summary = lines.pop();
  assert.deepEqual(summary, { summary: { placements: 3208, violations: lines.length } });
  const at = (country, year) => lines.find((v) => v.country === country && v.year === year);
  assert.deepEqual(at('CHN', 2012), {
    country: 'CHN', year: 2012, placement: 'tier_2_watch_list',
    rule: 'automatic_downgrade', because: [2009, 2010, 2011],
  });
  assert.deepEqual(at('RUS', 2012).because, [2009, 2010, 2011]);
  assert.deepEqual(at('MYS', 2013).because, [2010, 2011, 2012]);
  assert.deepEqual(at('THA', 2013).because, [2010, 2011, 2012]);
  assert.equal(at('CHN', 2015).rule, 'reinstatement_limit');
});

test('check: a forbidden placement is printed with the years behind it', () => {
  const csv = 'country,year,tier\n' +
    ['2', 'W', 'W', 'W', 'W', 'W'].map((t, i) =>
      `CHN,${2008 + i},${t === 'W' ? 'tier_2_watch_list' : 'tier_2'}`).join('\n') + '\n';
  withFile(csv, (path) => {
    const r = lantern(['tier', 'check', path]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout,
      '{"country": "CHN", "year": 2013, "placement": "tier_2_watch_list", ' +
      '"rule": "automatic_downgrade", "because": [2009, 2010, 2011, 2012]}\n' +
      '{"summary": {"placements": 6, "violations": 1}}\n');
  });
});

test('check: bad input names the line and exits 2', () => {
  withFile('countryname,iso,year,ccode,tier\nSerbia,SRB,2004,1003,"Tier 4  "\n', (path) => {
    const r = lantern(['tier', 'check', path]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /line 2, column tier: unknown tier 'Tier 4'/);
  });
  const missing = lantern(['tier', 'check', '/nonexistent/history.csv']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nonexistent\/history.csv: cannot read it/);
});

test('check reads stdin when given -', () => {
  const r = lantern(['tier', 'check', '-'], 'country,year,tier\nSRB,2022,tier_2_watch_list\n');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(jsonLines(r.stdout), [{ summary: { placements: 1, violations: 0 } }]);
});

test('next: Serbia 2025 excludes the Watch List (shipped history by default)', () => {
  const expected = {
    country: 'SRB', year: 2025, allowed: ['tier_1', 'tier_2', 'tier_3'],
    reasons: ['Tier 2 Watch List not allowed: 2022 and 2023 on the Watch List, waiver used in 2024'],
  };
  const byDefault = lantern(['tier', 'next', '--country', 'SRB', '--year', '2025']);
  assert.equal(byDefault.status, 0, byDefault.stderr);
  assert.deepEqual(jsonLines(byDefault.stdout), [expected]);
  const explicit = lantern(['tier', 'next', '--history', shipped, '--country=srb', '--year=2025']);
  assert.equal(explicit.status, 0, explicit.stderr);
  assert.deepEqual(jsonLines(explicit.stdout), [expected]);
});

test('next: a history that stops too early is refused', () => {
  const r = lantern(['tier', 'next', '--history', dataset, '--country', 'SRB', '--year', '2025']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /placements of SRB end in 2015/);
});

test('next: usage errors exit 2', () => {
  assert.equal(lantern(['tier', 'next', '--country', 'SRB']).status, 2);
  assert.equal(lantern(['tier', 'next', '--country', 'SRB', '--year', 'soon']).status, 2);
  assert.equal(lantern(['tier', 'frobnicate']).status, 2);
  assert.equal(lantern(['tier', '--help']).status, 0);
});

test('convert: the dataset in Lantern format, as shipped', () => {
  const r = lantern(['tier', 'convert', '--source', 'heiss-kelley-2017', dataset]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'country,name,year,tier,source');
  assert.equal(lines.length, 3209);
  assert.ok(lines.includes('CHN,China,2013,tier_3,heiss-kelley-2017'));
  assert.ok(lines.includes('BOL,"Bolivia, Plurinational State of",2012,tier_2,heiss-kelley-2017'));
});
