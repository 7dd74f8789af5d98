#!/usr/bin/env node
// The morning nudge through a real notification server on a private D-Bus session bus:
//   RAPPORT_BIN=/abs/path/to/rapport dbus-run-session -- node tests/e2e/morning-nudge.mjs
// As at login: a window manager runs (openbox) and Rapport starts with `--minimised`, as the
// autostart entry starts it. A small notification server (notification-server.py, the Desktop
// Notifications protocol) takes what Rapport shows. The window opens minimised on a book with a
// birthday and a new customer today: the notification says so (once a day: the core's tests
// count that); a click on it (the server reports the action "default", as a desktop does for a
// click on the notification) brings the window up, on Today, from wherever it was.
// @ts-check
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from './webdriver.mjs';
import { display, startDriver, stopAll, track, waitUntil } from './launch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TODAY = '2026-11-23';
const bin = process.env.RAPPORT_BIN ?? '';
/** @type {Session | null} */
let window = null;
/** @type {import('node:child_process').ChildProcess | null} */
let server = null;
let folder = '';
let log = '';

/** The notifications the server has taken, oldest first. */
function shown() {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** @param {string[]} args */
const xdotool = (args) => execFileSync('xdotool', args, { encoding: 'utf8' }).trim();

/** The ICCCM state the window manager gave Rapport's window (GTK's hidden leader window, of
 * the same class, has none): Normal, or Iconic when minimised. */
function windowState() {
  let ids = [];
  try {
    ids = xdotool(['search', '--classname', '^rapport$']).split('\n').filter(Boolean);
  } catch {
    return null; // xdotool exits 1 when it finds none
  }
  for (const id of ids) {
    const out = execFileSync('xprop', ['-id', id, 'WM_STATE'], { encoding: 'utf8' });
    const state = /window state: (\w+)/.exec(out)?.[1];
    if (state) return state;
  }
  return null;
}

/** @param {string[]} args */
const rapport = (args) => execFileSync(bin, [...args, '--data-dir', folder], { encoding: 'utf8', env: { ...process.env, RAPPORT_TODAY: TODAY } });

before(async () => {
  assert.ok(path.isAbsolute(bin) && existsSync(bin), 'Set RAPPORT_BIN to the absolute path of the built app.');
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'Run this under dbus-run-session: the notification server is on the session bus.');
  folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-nudge-'));
  log = path.join(folder, 'notifications.jsonl');
  rapport(['contacts', 'add', '--first-name', 'Zoë', '--last-name', 'Ødegård', '--birthday', '1980-11-23']);
  rapport(['contacts', 'add', '--first-name', '王', '--last-name', '小明', '--customer-since', TODAY]);

  server = track(spawn('/usr/bin/python3', [path.join(here, 'notification-server.py'), log], { stdio: ['ignore', 'pipe', 'inherit'] }));
  await new Promise((resolve, reject) => {
    server?.stdout?.once('data', resolve);
    server?.once('exit', (code) => reject(new Error(`the notification server stopped (${code})`)));
  });

  await display();
  // A desktop's window manager: minimising means something only where one runs.
  track(spawn('openbox', ['--sm-disable'], { stdio: 'ignore' }));
  await waitUntil(() => execFileSync('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], { encoding: 'utf8' }).includes('window id'), 10000, 'openbox');
  const base = await startDriver({ RAPPORT_TODAY: TODAY }, path.resolve('target/morning-nudge-tauri-driver.log'));
  window = await Session.create(base, { browserName: 'wry', 'tauri:options': { application: bin, args: ['--data-dir', folder, '--minimised'] } });
  await window.waitForElement('[data-testid="today-page"]', 30000);
  await mkdir(path.resolve('target/e2e-screenshots'), { recursive: true });
});

after(async () => {
  if (window) await window.end().catch(() => {});
  server?.kill('SIGTERM');
  await stopAll();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('started as at login, the window is minimised', async () => {
  await waitUntil(() => windowState() === 'Iconic', 10000, 'the window minimised');
});

test('the first opening of the day shows what Today holds as a desktop notification', async () => {
  await waitUntil(() => shown().length === 1, 20000, 'the morning notification');
  const [nudge] = shown();
  assert.equal(nudge.summary, 'Rapport: today');
  assert.match(nudge.body, /1 birthday/);
  assert.match(nudge.body, /1 customer to welcome/);
  assert.ok(nudge.actions.includes('default'), `a click on it is reported: ${JSON.stringify(nudge.actions)}`);
});

test('a click on the notification brings the window up on Today', async () => {
  const w = /** @type {Session} */ (window);
  await w.execute("location.hash = '#/contacts'");
  await waitUntil(async () => !(await w.findAll('[data-testid="today-page"]')).length, 10000, 'the contacts screen');
  assert.equal(windowState(), 'Iconic', 'still minimised before the click');
  server?.kill('SIGUSR1'); // the server reports the newest notification clicked
  await w.waitForElement('[data-testid="today-page"]', 10000);
  assert.equal(await w.execute('return location.hash'), '#/today');
  await waitUntil(() => windowState() === 'Normal', 10000, 'the window shown again');
  await w.settle();
  const shot = await w.screenshot();
  await writeFile(path.resolve('target/e2e-screenshots/morning-nudge-clicked.png'), shot);
});
