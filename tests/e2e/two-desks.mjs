#!/usr/bin/env node
// The team's book live at two desks, both real windows under Xvfb, on a real PostgreSQL server:
//   RAPPORT_BIN=/abs/path/to/rapport node tests/e2e/two-desks.mjs
// Two data folders join one team book (tests/run's test server, or a throwaway one), each opened
// by its own window through its own tauri-driver. A call logged through desk A's window appears
// on desk B's open contact page without a reload, and B's change comes back to A.
// @ts-check
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keys, Session } from './webdriver.mjs';
import { display, startDriver, stopAll } from './launch.mjs';
import { atDesk, initTeamBook, joinFolder } from './team-server.mjs';

const TODAY = '2026-11-23';
const bin = process.env.RAPPORT_BIN ?? '';
/** @type {Session[]} */
const desks = [];
/** @type {string[]} */
const folders = [];
let contactId = 0;

const tid = (/** @type {string} */ id) => `[data-testid="${id}"]`;

/** The notes on the open contact page's timeline. @param {Session} s */
async function notes(s) {
  const found = [];
  for (const n of await s.findAll(tid('touchpoint-note'))) found.push(await n.text());
  return found;
}

/** Logs a call through the window, as a person at that desk would. @param {Session} s @param {string} note */
async function logCall(s, note) {
  await (await s.find(tid('log-call'))).click();
  const field = await s.waitForElement(tid('log-note'));
  await field.sendKeys(note);
  await field.sendKeys(Keys.ENTER);
  await s.waitFor(async () => (await notes(s)).includes(note), { message: `${note} on this desk's page` });
}

before(async () => {
  assert.ok(path.isAbsolute(bin), 'Set RAPPORT_BIN to the absolute path of the built app.');
  const book = await initTeamBook(bin, `desks${process.pid}`);
  for (const name of ['a', 'b']) {
    const folder = await mkdtemp(path.join(os.tmpdir(), `rapport-desk-${name}-`));
    folders.push(folder);
    joinFolder(bin, folder, book);
  }
  contactId = atDesk(bin, folders[0], book.password, 'contacts', 'add', '--first-name', 'Ines', '--last-name', 'Duarte').contact.id;

  await display();
  for (const [i, folder] of folders.entries()) {
    const env = { RAPPORT_TODAY: TODAY, RAPPORT_SERVER_PASSWORD: book.password };
    const base = await startDriver(env, path.resolve(`target/two-desks-${i}-tauri-driver.log`));
    const s = await Session.create(base, { browserName: 'wry', 'tauri:options': { application: bin, args: ['--data-dir', folder] } });
    desks.push(s);
    await s.waitForElement(tid('today-page'), 30000);
  }
});

after(async () => {
  for (const s of desks) await s.end().catch(() => {});
  await stopAll();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

test('a call logged in one window appears on the other window\u2019s open contact page', async () => {
  const [a, b] = desks;
  for (const s of desks) {
    await s.execute('location.hash = arguments[0];', [`#/contact/${contactId}`]);
    await s.waitForElement(tid('contact-name'), 15000);
    await s.execute('window.__samePage = true;');
  }
  await logCall(a, 'Asked about the wedding cake');
  await b.waitFor(async () => (await notes(b)).includes('Asked about the wedding cake'), {
    timeout: 10000,
    message: 'desk A\u2019s call on desk B\u2019s open page',
  });
  assert.equal(await b.execute('return window.__samePage === true;'), true, 'B re-read its page, it did not reload');

  // And back: B's call reaches A.
  await logCall(b, 'Called back: Saturday is fine');
  await a.waitFor(async () => (await notes(a)).includes('Called back: Saturday is fine'), {
    timeout: 10000,
    message: 'desk B\u2019s call on desk A\u2019s open page',
  });
  assert.equal(await a.execute('return window.__samePage === true;'), true, 'A re-read its page, it did not reload');

  const shots = path.resolve('target/e2e-screenshots');
  await mkdir(shots, { recursive: true });
  for (const [i, s] of desks.entries()) {
    await s.settle();
    await writeFile(path.join(shots, `two-desks-${'ab'[i]}.png`), await s.screenshot());
  }
});
