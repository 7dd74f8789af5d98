// A staff member's page, end to end: from Staff & photos, a member's name opens the compliments
// and complaints that name them as who handled it, each with the customer it came from.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, go, screenshot, session, tid } from './helpers.mjs';

test('a staff member’s page lists the compliments and complaints that name them', async () => {
  const s = session();
  cli('staff', 'add', '--name', 'Ingrid Falk', '--role', 'Florist');
  const hanna = cli('contacts', 'add', '--first-name', 'Hanna', '--last-name', 'Öberg');
  cli(
    'touchpoint',
    'add',
    String(hanna.contact.id),
    '--kind',
    'compliment',
    '--note',
    'the bouquet was perfect',
    '--by',
    'Ingrid Falk',
    '--date',
    '2026-11-20',
  );
  cli('touchpoint', 'add', String(hanna.contact.id), '--kind', 'complaint', '--note', 'delivered an hour late', '--by', 'ingrid falk', '--date', '2026-11-21');

  await go(s, '#/staff');
  await s.waitFor(
    async () => {
      for (const link of await s.findAll(tid('staff-page-link'))) {
        if ((await link.text()) !== 'Ingrid Falk') continue;
        await link.click();
        return true;
      }
      return false;
    },
    { timeout: 15000, message: 'Ingrid on Staff & photos' },
  );
  await s.waitForElement(tid('staff-member-page'));
  assert.equal(await (await s.waitForElement(tid('staff-member-name'), 15000)).text(), 'Ingrid Falk');
  assert.equal(await (await s.find(tid('staff-compliments-count'))).text(), '1');
  assert.equal(await (await s.find(tid('staff-complaints-count'))).text(), '1');
  const notes = [];
  for (const n of await s.findAll(tid('feedback-note'))) notes.push(await n.property('textContent'));
  assert.deepEqual(notes, ['the bouquet was perfect', 'delivered an hour late']);
  await screenshot(s, 'staff-page');

  // The customer's name leads to their page.
  await (await s.findAll(tid('feedback-customer')))[0].click();
  assert.equal(await (await s.waitForElement(tid('contact-name'), 15000)).text(), 'Hanna Öberg');
});
