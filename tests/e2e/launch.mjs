// Starting the pieces a window test needs, for the tests that run outside tests/e2e/run.mjs
// (the installed package, one window per book): Xvfb on a display of its own when there is no
// display, tauri-driver on free ports, and processes stopped again at the end. Run them under
// `flock /tmp/rapport-e2e.lock` so windows do not starve each other on a small machine.
// @ts-check
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { request } from './webdriver.mjs';

/** @type {import('node:child_process').ChildProcess[]} */
const started = [];

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {() => Promise<unknown> | unknown} ok @param {number} timeout @param {string} what */
export async function waitUntil(ok, timeout, what) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if (await ok()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
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

/** Uses the display there is, else starts Xvfb on a display no other run uses. */
export async function display() {
  if (process.env.DISPLAY) return process.env.DISPLAY;
  let n = 99;
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n += 1;
  const x = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x860x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  started.push(x);
  await waitUntil(() => existsSync(`/tmp/.X11-unix/X${n}`), 10000, 'Xvfb to start');
  process.env.DISPLAY = `:${n}`;
  return process.env.DISPLAY;
}

/**
 * Starts tauri-driver on free ports and returns its address. The app it opens inherits this
 * environment (tauri-driver passes no environment of its own), so `env` is where the data
 * folder goes; a variable set to `undefined` is left out.
 * @param {Record<string, string | undefined>} env @param {string} log
 */
export async function startDriver(env, log) {
  const out = openSync(log, 'w');
  const [port, nativePort] = [await freePort(), await freePort()];
  const driver = spawn(findTauriDriver(), ['--port', String(port), '--native-port', String(nativePort)], {
    env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', out, out],
  });
  started.push(driver);
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(async () => !!(await request(base, 'GET', '/status')), 15000, 'tauri-driver');
  return base;
}

/** Keeps `child` to be stopped by `stopAll`. @param {import('node:child_process').ChildProcess} child */
export function track(child) {
  started.push(child);
  return child;
}

/** Whether `child` has ended. @param {import('node:child_process').ChildProcess} child */
export const ended = (child) => child.exitCode !== null || child.signalCode !== null;

/** Stops everything started here, newest first. */
export async function stopAll() {
  for (const p of started.splice(0).reverse()) {
    if (ended(p)) continue;
    p.kill('SIGTERM');
    await Promise.race([new Promise((r) => p.once('exit', r)), sleep(3000)]);
    if (!ended(p)) p.kill('SIGKILL');
  }
}
