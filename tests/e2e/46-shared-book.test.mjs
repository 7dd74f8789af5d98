// The team's book, live at every desk, end to end: the window works on a shared book on a real
// PostgreSQL server, and what another desk does (here the command line, joined from a folder of
// its own) appears on the open contact page and on Today without a reload.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { go, screenshot, session, tid } from './helpers.mjs';
import { deskNote } from './46-shared-book.seed.mjs';

const BIN = resolve(process.env.RAPPORT_BIN ?? 'target/debug/rapport');

/** The other desk's command line on the team's book. @param {string[]} args */
function otherDesk(...args) {
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  assert.ok(dataDir, 'run through tests/e2e/run.mjs');
  const desk = JSON.parse(readFileSync(deskNote(dataDir), 'utf8'));
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23', RAPPORT_SERVER_PASSWORD: desk.password };
  return JSON.parse(execFileSync(BIN, [...args, '--data-dir', desk.otherDesk, '--json'], { env }).toString());
}

test('a call logged at another desk appears on the open contact page of the shared book', async () => {
  const s = session();
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR ?? '';
  const { login } = JSON.parse(readFileSync(deskNote(dataDir), 'utf8'));
  // The window says which book it works on, and who is signed in.
  await s.waitFor(async () => (await (await s.find(tid('version'))).text()).startsWith(`Shared book — ${login}`), {
    message: 'the sidebar naming the shared book and the person signed in',
  });
  await go(s, '#/today');
  await s.waitForElement(tid('today-new-customers'), 20000);
  await s.execute('window.__samePage = true;');
  const contact = otherDesk('contacts', 'add', '--first-name', 'Ines', '--last-name', 'Duarte', '--customer-since', '2026-11-21');
  const id = contact.contact.id;

  // Today at this desk hears of the new customer.
  await s.waitFor(
    async () => {
      const names = [];
      for (const link of await s.findAll(`${tid('today-new-customers')} ${tid('person-link')}`)) names.push(await link.text());
      return names.includes('Ines Duarte');
    },
    { timeout: 10000, message: 'the other desk\u2019s new customer on Today' },
  );

  await screenshot(s, 'shared-book-today');

  await go(s, `#/contact/${id}`);
  await s.waitForElement(tid('contact-name'), 15000);
  otherDesk('touchpoint', 'add', String(id), '--kind', 'call', '--note', 'called from the office');
  await s.waitFor(
    async () => {
      for (const n of await s.findAll(tid('touchpoint-note'))) if ((await n.text()) === 'called from the office') return true;
      return false;
    },
    { timeout: 10000, message: 'the office\u2019s call on the open page' },
  );
  assert.equal(await s.execute('return window.__samePage === true;'), true, 'the page was re-read, not reloaded');
  // Who changed the customer last, as the team knows them.
  assert.match(await (await s.find(tid('contact-changed'))).text(), /^Changed by Olivia Owner, (just now|a minute ago)$/);
  await screenshot(s, 'shared-book-live');

  // The desk keeps its own copy of the team's book (what it shows if the server goes away).
  await s.waitFor(async () => existsSync(join(dataDir, 'backups')) && readdirSync(join(dataDir, 'backups')).some((f) => f.endsWith('.db')), {
    timeout: 15000,
    message: "the desk's copy of the team's book in its backups folder",
  });
});
