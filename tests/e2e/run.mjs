#!/usr/bin/env node
// End-to-end tests through the real window:
//   RAPPORT_BIN=/abs/path/to/target/debug/rapport node tests/e2e/run.mjs [word…]
// Starts Xvfb (when DISPLAY is unset) and tauri-driver, opens one session on a
// fresh data directory with the date pinned, runs the *.test.mjs files in name
// order, and prints "N passed, M failed".
// A test file with a companion NAME.seed.mjs runs after the others in a session of its own, on
// a data directory that module's `seed(dataDir, bin)` prepares before the window opens (for a
// start-up the shared session cannot show, like a damaged book); it exports `ready`, the CSS
// selector the window shows once it has started, and may export `appEnv`, variables the app
// starts with (GTK_THEME=Adwaita:dark for dark mode, GDK_DPI_SCALE for larger text).
// @ts-check
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import net from 'node:net';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { Session, request } from './webdriver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Ports and display are chosen free at start, so two runs on one machine (a CI clone beside a
// developer's run) never talk to each other's driver or window.
let BASE = '';
const TODAY = '2026-11-23';

/** @type {import('node:child_process').ChildProcess[]} */
const started = [];
/** @type {Session | null} */
let wd = null;
/** @type {string[]} */
const dataDirs = [];

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {() => Promise<boolean> | boolean} ok @param {number} timeout @param {string} what */
async function waitUntil(ok, timeout, what) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      if (await ok()) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function findTauriDriver() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'tauri-driver');
    if (dir && existsSync(p)) return p;
  }
  const cargo = path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver');
  if (existsSync(cargo)) return cargo;
  throw new Error('tauri-driver not found on PATH or in ~/.cargo/bin (cargo install tauri-driver --locked)');
}

/** A TCP port nobody listens on right now (the OS picks it). @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startXvfb() {
  if (process.env.DISPLAY) return;
  // Our own display, never one another run may close under us.
  let n = 99;
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n += 1;
  const display = `:${n}`;
  const x = spawn('Xvfb', [display, '-screen', '0', '1280x860x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  started.push(x);
  x.on('error', (e) => console.error(`Xvfb: ${e.message}`));
  await waitUntil(() => existsSync(`/tmp/.X11-unix/X${n}`), 10000, 'Xvfb to start');
  process.env.DISPLAY = display;
}

/** @param {Session | null} s @param {number} n */
async function saveFailureScreenshot(s, n) {
  if (!s) return null;
  try {
    const dir = path.resolve('target/e2e-screenshots');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `failure-${n}.png`);
    await writeFile(file, await s.screenshot());
    return file;
  } catch {
    return null;
  }
}

async function cleanup() {
  if (wd) {
    await wd.end().catch(() => {});
    wd = null;
  }
  for (const p of started.reverse()) {
    if (p.exitCode === null && p.signalCode === null) {
      p.kill('SIGTERM');
      await Promise.race([new Promise((r) => p.once('exit', r)), sleep(3000)]);
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }
  }
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true }).catch(() => {});
}

async function main() {
  const bin = process.env.RAPPORT_BIN;
  if (!bin || !path.isAbsolute(bin) || !existsSync(bin)) {
    throw new Error('Set RAPPORT_BIN to the absolute path of the built app (for example $PWD/target/debug/rapport).');
  }
  const shots = path.resolve('target/e2e-screenshots');
  await mkdir(shots, { recursive: true });
  for (const f of await readdir(shots)) if (f.startsWith('failure-')) await rm(path.join(shots, f), { force: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-e2e-'));
  dataDirs.push(dataDir);
  await startXvfb();

  await mkdir(path.resolve('target'), { recursive: true });
  const driverLog = openSync(path.resolve('target/e2e-tauri-driver.log'), 'w');
  const appEnv = { RAPPORT_DATA_DIR: dataDir, RAPPORT_TODAY: TODAY };
  const port = Number(process.env.TAURI_DRIVER_PORT ?? (await freePort()));
  const nativePort = await freePort();
  BASE = `http://127.0.0.1:${port}`;
  const driver = spawn(findTauriDriver(), ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...appEnv },
    stdio: ['ignore', driverLog, driverLog],
  });
  started.push(driver);
  await waitUntil(async () => !!(await request(BASE, 'GET', '/status')), 15000, 'tauri-driver');

  // `node run.mjs cards welcome` runs only the files whose names contain one of the words.
  const only = process.argv.slice(2);
  const all = (await readdir(here)).sort();
  const chosen = all.filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((w) => f.includes(w))));
  const seedOf = (/** @type {string} */ f) => f.replace(/\.test\.mjs$/, '.seed.mjs');
  const shared = chosen.filter((f) => !all.includes(seedOf(f)));
  const isolated = chosen.filter((f) => all.includes(seedOf(f)));
  process.env.WEBDRIVER_URL = BASE;

  let passed = 0;
  let failed = 0;
  /** @param {string[]} files */
  async function runFiles(files) {
    const stream = run({ files: files.map((f) => path.join(here, f)), concurrency: 1, timeout: 120000 });
    for await (const event of stream) {
      const { type, data } = /** @type {{type: string, data: any}} */ (event);
      if (type !== 'test:pass' && type !== 'test:fail') continue;
      if (data.details?.type === 'suite') continue;
      if (type === 'test:pass') {
        if (data.skip || data.todo) continue;
        passed += 1;
        console.log(`ok - ${data.name} (${Math.round(data.details?.duration_ms ?? 0)} ms)`);
      } else {
        failed += 1;
        const err = data.details?.error;
        console.log(`not ok - ${data.name}`);
        console.log(
          `  ${String(err?.cause?.stack ?? err?.cause ?? err?.message ?? err)
            .split('\n')
            .join('\n  ')}`,
        );
        const shot = await saveFailureScreenshot(wd, failed);
        if (shot) console.log(`  screenshot: ${shot}`);
      }
    }
  }

  /**
   * Opens the window on `dir` (the runner's own session) and waits for `ready`.
   * @param {string} dir @param {string} ready @param {Record<string, string>} [extraEnv]
   */
  async function open(dir, ready, extraEnv = {}) {
    if (wd) await wd.end().catch(() => {});
    const env = { RAPPORT_DATA_DIR: dir, RAPPORT_TODAY: TODAY };
    // The driver starts the app with its own environment (tauri:options.env is not passed on),
    // so extra variables go through env(1).
    const extra = Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`);
    const launch = extra.length ? { application: '/usr/bin/env', args: [...extra, bin, '--data-dir', dir] } : { application: bin, args: ['--data-dir', dir] };
    const capabilities = { browserName: 'wry', 'tauri:options': { ...launch, env } };
    try {
      wd = await Session.create(BASE, capabilities);
    } catch (e) {
      // Seen once in many runs: GTK could not open the display while the machine was loaded
      // ("Failed to initialize GTK" in target/e2e-tauri-driver.log). A start that fails twice
      // fails the run.
      console.log(`# the window did not start (${e instanceof Error ? e.message : e}); starting it once more`);
      await sleep(1000);
      wd = await Session.create(BASE, capabilities);
    }
    await wd.waitForElement(ready, 30000);
    process.env.WEBDRIVER_SESSION = wd.id;
    // Tests that prepare data through the command line write to the window's own book.
    process.env.RAPPORT_E2E_DATA_DIR = dir;
  }

  if (shared.length > 0) {
    await open(dataDir, '[data-testid="new-contact"]');
    await runFiles(shared);
  }
  for (const file of isolated) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-e2e-'));
    dataDirs.push(dir);
    const seeding = await import(path.join(here, seedOf(file)));
    await seeding.seed(dir, bin);
    await open(dir, seeding.ready, seeding.appEnv);
    await runFiles([file]);
  }
  return { passed, failed };
}

let code = 1;
try {
  const { passed, failed } = await main();
  await cleanup();
  console.log(`${passed} passed, ${failed} failed`);
  code = failed === 0 && passed > 0 ? 0 : 1;
} catch (e) {
  console.error(`e2e setup failed: ${e instanceof Error ? e.message : e}`);
  await cleanup();
  console.log('0 passed, 1 failed');
  code = 1;
}
process.exit(code);
