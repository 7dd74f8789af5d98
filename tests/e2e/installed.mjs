#!/usr/bin/env node
// The installed package, started as the desktop menu starts it (run by tests/package/check-deb.sh
// after `dpkg -i`):
//   node tests/e2e/installed.mjs /usr/share/applications/Rapport.desktop
// Reads the entry's Exec line, opens that program through tauri-driver under Xvfb with a
// throwaway home folder (so the book goes where an owner's would, without touching this
// machine's), sees the Today screen, closes the window and checks that the program has ended.
// @ts-check
import { existsSync, readFileSync, readlinkSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from './webdriver.mjs';
import { display, startDriver, stopAll, waitUntil } from './launch.mjs';

const entry = process.argv[2] ?? '';
/** @type {Session | null} */
let window = null;
let home = '';
let program = '';

/**
 * The program and arguments of a desktop entry's Exec line: field codes (%U, %f…) dropped, the
 * program found on PATH as the menu would.
 * @param {string} file
 */
function execLine(file) {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Exec='));
  assert.ok(line, `${file} has no Exec line`);
  const [name, ...args] = line
    .slice('Exec='.length)
    .trim()
    .split(/\s+/)
    .filter((w) => !/^%[a-zA-Z]$/.test(w));
  const found = path.isAbsolute(name)
    ? name
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .map((dir) => path.join(dir, name))
        .find((p) => existsSync(p));
  assert.ok(found, `the Exec line's program "${name}" is not on PATH`);
  return { program: found, args };
}

/** Process ids running `file`. @param {string} file */
function running(file) {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/exe`) === file;
      } catch {
        return false;
      }
    });
}

before(async () => {
  assert.ok(entry && existsSync(entry), 'Give the installed desktop entry (for example /usr/share/applications/Rapport.desktop).');
  home = await mkdtemp(path.join(os.tmpdir(), 'rapport-installed-home-'));
  await display();
});

after(async () => {
  if (window) await window.end().catch(() => {});
  await stopAll();
  if (home) await rm(home, { recursive: true, force: true });
});

test('the desktop entry starts the installed Rapport on the Today screen', async () => {
  const exec = execLine(entry);
  program = exec.program;
  assert.ok(program.startsWith('/usr/'), `the menu starts ${program}, not the installed program`);
  // The owner's environment: their home, no data folder given, no pinned date.
  const base = await startDriver(
    { HOME: home, XDG_DATA_HOME: undefined, XDG_CONFIG_HOME: undefined, XDG_CACHE_HOME: undefined, RAPPORT_DATA_DIR: undefined, RAPPORT_TODAY: undefined },
    path.resolve('target/installed-tauri-driver.log'),
  );
  window = await Session.create(base, { browserName: 'wry', 'tauri:options': { application: program, args: exec.args } });
  await window.waitForElement('[data-testid="today-page"]', 60000);
  // Today as a new owner sees it: the date, and the offer to add the first customers (the book
  // is new and empty).
  assert.ok(await (await window.waitForElement('[data-testid="today-date"]', 30000)).displayed());
  assert.ok(await (await window.waitForElement('[data-testid="first-run"]', 30000)).displayed());
  await window.settle();
  assert.equal(await window.cmd('GET', '/title'), 'Rapport');
  // To look at: the installed program's first screen.
  await writeFile(path.resolve('target/installed-today.png'), await window.screenshot());
  // The book went to the owner's usual data folder.
  assert.ok(existsSync(path.join(home, '.local/share/rapport/rapport.db')), 'the book is in ~/.local/share/rapport');
});

test('closing the window ends the installed program', async () => {
  assert.ok(window, 'the window is open');
  assert.ok(running(program).length > 0, `${program} is running`);
  // As the owner closes it: the window goes, and with the last window the program.
  await window.cmd('DELETE', '/window');
  await waitUntil(() => running(program).length === 0, 15000, `${program} to end`);
  await window.end().catch(() => {});
  window = null;
});
