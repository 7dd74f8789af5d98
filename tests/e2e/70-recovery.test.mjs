// Start-up recovery through the real window: the book is damaged (see 70-recovery.seed.mjs), so
// the window shows what is wrong and the backups found, each checked; the newest good one is
// chosen, restored, and the app goes on with its contacts without restarting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { screenshot, session, tid } from './helpers.mjs';

test('a damaged book is replaced by the newest good backup from the window', async () => {
  const s = session();
  await s.waitForElement(tid('recovery'));
  assert.match(await (await s.find(tid('recovery-title'))).text(), /damaged/);
  const rows = await s.findAll(tid('recovery-row'));
  assert.equal(rows.length, 2);
  const first = await rows[0].text();
  const second = await rows[1].text();
  assert.match(first, /Cannot be used/, first);
  assert.match(second, /12 contacts/, second);
  const checked = await s.execute(`return [...document.querySelectorAll('[data-testid="recovery-row"] input')].map((r) => r.checked && !r.disabled);`, []);
  assert.deepEqual(checked, [false, true]);
  const book = `${process.env.RAPPORT_E2E_DATA_DIR}/rapport.db`;
  const damaged = readFileSync(book);
  await screenshot(s, 'recovery-screen');

  await (await s.find(tid('recovery-restore'))).click();
  await s.waitForElement(tid('new-contact'), 20000);
  await s.waitFor(async () => /Backup restored: 12 contacts/.test(await s.execute('return document.body.innerText;', [])), {
    message: 'the restored toast',
  });
  await screenshot(s, 'recovery-restored');
  const aside = readdirSync(process.env.RAPPORT_E2E_DATA_DIR).filter((f) => f.startsWith('rapport-damaged-') && f.endsWith('.db'));
  assert.equal(aside.length, 1, aside.join(', '));
  assert.ok(readFileSync(`${process.env.RAPPORT_E2E_DATA_DIR}/${aside[0]}`).equals(damaged), 'the damaged file is kept unchanged');

  // The daily backup the damaged start could not make is made from the restored book.
  const today = `${process.env.RAPPORT_E2E_DATA_DIR}/backups/rapport-2026-11-23.db`;
  assert.ok(existsSync(today), 'a backup of the restored book for today');

  await s.execute('location.hash = "#/contacts";', []);
  await s.waitFor(async () => (await s.findAll('[data-testid="contact-row"]')).length === 12, { message: '12 contacts listed' });
});
