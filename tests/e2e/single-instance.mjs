#!/usr/bin/env node
// One window per book, through real windows under Xvfb and a private D-Bus session bus:
//   RAPPORT_BIN=/abs/path/to/rapport dbus-run-session -- node tests/e2e/single-instance.mjs
// Opens window A on folder X (through WebDriver) and window B on folder Y (a second instance),
// gives B the keyboard focus, then starts Rapport on X again (spelled another way): that start
// must exit at once and A must get the focus, with still two windows. xdotool reads and moves the
// X focus (no window manager runs here, so the focus is the plain X input focus).
// @ts-check
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from './webdriver.mjs';
import { display, ended, startDriver, stopAll, track, waitUntil } from './launch.mjs';

const TODAY = '2026-11-23';
const bin = process.env.RAPPORT_BIN ?? '';
/** @type {Session | null} */
let windowA = null;
/** @type {string[]} */
const dirs = [];
let folderX = '';
let folderY = '';

/** @param {string[]} args */
const xdotool = (args) => execFileSync('xdotool', args, { encoding: 'utf8' }).trim();

/** The process ids of Rapport's visible top-level windows, by window id. */
function windows() {
  let ids = [];
  try {
    ids = xdotool(['search', '--onlyvisible', '--classname', '^rapport$']).split('\n').filter(Boolean);
  } catch {
    return new Map(); // xdotool exits 1 when it finds none
  }
  return new Map(ids.map((id) => [id, Number(xdotool(['getwindowpid', id]))]));
}

/** The data folder a Rapport process was started on (its `--data-dir`). @param {number} pid */
function folderOf(pid) {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const i = args.indexOf('--data-dir');
  return i >= 0 ? path.resolve(args[i + 1]) : null;
}

/** The window open on `folder`, once there is exactly one. @param {string} folder */
async function windowOn(folder) {
  /** @type {string[]} */
  let found = [];
  await waitUntil(
    () => {
      found = [...windows()].filter(([, pid]) => folderOf(pid) === folder).map(([id]) => id);
      return found.length === 1;
    },
    30000,
    `one window on ${folder}`,
  );
  return found[0];
}

const focusedPid = () => Number(xdotool(['getwindowfocus', 'getwindowpid']));

/** D-Bus names the open windows hold, one per book. */
function instanceNames() {
  const out = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/', 'org.freedesktop.DBus.ListNames'], {
    encoding: 'utf8',
  });
  return [...out.matchAll(/string "(app\.rapport\.desktop[^"]*\.SingleInstance)"/g)].map((m) => m[1]).sort();
}

before(async () => {
  assert.ok(path.isAbsolute(bin) && existsSync(bin), 'Set RAPPORT_BIN to the absolute path of the built app.');
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'Run this under dbus-run-session: the window finds its other instances on the session bus.');
  folderX = await mkdtemp(path.join(os.tmpdir(), 'rapport-one-x-'));
  folderY = await mkdtemp(path.join(os.tmpdir(), 'rapport-one-y-'));
  dirs.push(folderX, folderY);
  await display();
  const base = await startDriver({ RAPPORT_DATA_DIR: folderX, RAPPORT_TODAY: TODAY }, path.resolve('target/single-instance-tauri-driver.log'));
  windowA = await Session.create(base, { browserName: 'wry', 'tauri:options': { application: bin, args: ['--data-dir', folderX] } });
  await windowA.waitForElement('[data-testid="today-page"]', 30000);
});

after(async () => {
  if (windowA) await windowA.end().catch(() => {});
  await stopAll();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Starts Rapport on `folder` as a person would (no WebDriver). @param {string} folder */
function start(folder) {
  return track(spawn(bin, ['--data-dir', folder], { env: { ...process.env, RAPPORT_TODAY: TODAY }, stdio: 'ignore' }));
}

test('a window on another data folder opens beside the first', async () => {
  const a = await windowOn(folderX);
  start(folderY);
  const b = await windowOn(folderY);
  assert.notEqual(a, b);
  await waitUntil(() => instanceNames().length === 2, 10000, 'two D-Bus names, one per book');
});

test('starting Rapport again on the same folder brings its window to the front and opens no other', async () => {
  const a = await windowOn(folderX);
  const b = await windowOn(folderY);
  const pidA = windows().get(a);
  const pidB = windows().get(b);
  // No window manager runs here, so the X server itself judges each focus request and drops
  // one stamped earlier than the last focus change (SetInputFocus in the X protocol): when the
  // hand-over crosses xdotool's own focus change, that one start's request can be lost. A person
  // would start Rapport again; the test does the same, at most three times, and every start
  // must hand over and exit.
  let focused = false;
  for (let attempt = 1; attempt <= 3 && !focused; attempt += 1) {
    xdotool(['windowfocus', '--sync', b]);
    assert.equal(focusedPid(), pidB, 'window B has the focus before the second start');

    // The same folder spelled another way: through the other folder and `..`.
    const again = start(path.join(folderY, '..', path.basename(folderX)));
    const code = await new Promise((resolve) => again.once('exit', (c) => resolve(c)));
    assert.equal(code, 0, 'the second start hands over and exits successfully');

    focused = await waitUntil(() => focusedPid() === pidA, 10000, 'window A to get the focus').then(
      () => true,
      () => false,
    );
  }
  assert.ok(focused, 'window A got the focus after a second start on its folder');
  const open = [...windows()].map(([, pid]) => folderOf(pid)).sort();
  assert.deepEqual(open, [folderX, folderY].sort(), 'still one window per folder');
  assert.equal(instanceNames().length, 2);
  // Window A still works.
  assert.ok(await (await /** @type {Session} */ (windowA).find('[data-testid="today-page"]')).displayed());
});

test('the command line works on a folder whose window is open', () => {
  const out = execFileSync(bin, ['--data-dir', folderX, 'contacts', 'list', '--json'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), []);
});

test('a window that closes lets the next start open its own', async () => {
  const b = await windowOn(folderY);
  const pidB = /** @type {number} */ (windows().get(b));
  process.kill(pidB, 'SIGTERM');
  await waitUntil(() => !windows().has(b), 10000, 'window B to close');
  const reopened = start(folderY);
  await windowOn(folderY);
  assert.ok(!ended(reopened), 'the new start on Y is the window, not a hand-over');
});
