// Starts a real `lantern serve` on a free loopback port over a fresh data
// directory, for the API and browser tests. Nothing here is a mock: the
// binary, the SQLite file and the port are the real ones.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.LANTERN_BIN || new URL('../../build/lantern', import.meta.url).pathname;

/** Runs the CLI synchronously; returns {status, stdout, stderr}. */
export function cli(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI and throws with its stderr unless it exits 0. */
export function cliOk(args, opts) {
  const r = cli(args, opts);
  if (r.status !== 0) throw new Error(`lantern ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/**
 * Creates a data directory (admin password ADMIN_PASSWORD), optionally loads
 * the synthetic demo data, adds USERS ([{username, role, org, password}]) and
 * ORGS ([{name, kind}]), and starts the server. EXTRA_ARGS go to `serve`.
 */
export async function startLantern({ demo = false, users = [], orgs = [], extraArgs = [] } = {}) {
  const dataRoot = mkdtempSync(join(tmpdir(), 'lantern-test-'));
  const dataDir = join(dataRoot, 'data');
  const pwFile = join(dataRoot, 'admin.pw');
  writeFileSync(pwFile, ADMIN_PASSWORD + '\n', { mode: 0o600 });
  cliOk(['init', '--data', dataDir, '--admin-password-file', pwFile]);
  if (demo) cliOk(['demo', '--data', dataDir]);
  for (const o of orgs) cliOk(['org', 'add', '--data', dataDir, '--name', o.name, '--kind', o.kind]);
  for (const u of users) {
    const f = join(dataRoot, `${u.username}.pw`);
    writeFileSync(f, u.password + '\n', { mode: 0o600 });
    cliOk(['user', 'add', '--data', dataDir, '--username', u.username, '--role', u.role,
           '--org', u.org, '--password-file', f]);
  }
  const child = spawn(BIN, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', ...extraArgs],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let logText = '';
  child.stderr.setEncoding('utf8');
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => { logText += d; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('lantern serve did not start:\n' + logText)), 30000);
    child.stderr.on('data', (d) => {
      logText += d;
      const m = logText.match(/"event":"listening"[^\n]*"port":(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`lantern serve exited ${code}:\n${logText}`)); });
  });
  // The server rechecks the whole register once it listens (time-based
  // rules, the register-wide one); tests start after that, so that no alert
  // appears under them while they count.
  for (const started = Date.now(); !/"event":"alerts_recheck"/.test(logText);) {
    if (Date.now() - started > 30000) throw new Error('lantern serve did not finish its first recheck:\n' + logText);
    await new Promise((r) => setTimeout(r, 10));
  }
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    logs: () => logText,
    child,
    exited,
    cli: (args) => cli([...args, '--data', dataDir]),
    /**
     * Stops the server with SIGTERM and returns its exit {code, signal}.
     * Throws when a server it stopped did not exit 0, or when the logs hold a
     * sanitizer report (a leak found at exit, an error after a test's last
     * request), so that the sanitizer build's findings fail the test file.
     */
    async stop({ keepData = false } = {}) {
      const running = child.exitCode === null && child.signalCode === null;
      if (running) child.kill('SIGTERM');
      const res = await exited;
      if (!keepData) rmSync(dataRoot, { recursive: true, force: true });
      const report = logText.match(/^.*(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:).*$/m);
      if (report) throw new Error(`lantern serve reported: ${report[0]}\n${logText.slice(-4000)}`);
      if (running && (res.code !== 0 || res.signal)) {
        throw new Error(`lantern serve exited ${res.code ?? res.signal} on SIGTERM, not 0:\n${logText.slice(-4000)}`);
      }
      return res;
    },
  };
}

/**
 * A small HTTP client that keeps the session cookie and CSRF token, the way
 * the browser UI does.
 */
export class Client {
  constructor(base) { this.base = base; this.cookie = null; this.csrf = null; this.bearer = null; }

  async request(method, path, { body, raw, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] = 'application/json'; }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = setCookie.match(/lantern_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `lantern_session=${m[1]}` : null;
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, headers: res.headers, json, text };
  }

  async login(username, password) {
    const r = await this.request('POST', '/api/v1/login', { body: { username, password } });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
}
