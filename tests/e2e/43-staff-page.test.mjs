// A staff member's page, end to end: from Staff & photos, a member's name opens the compliments
// and complaints that name them as who handled it, each with the customer it came from.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { cli, giveFile, go, screenshot, session, tid } from './helpers.mjs';

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

test('a staff member is added in the window with a portrait chosen through the Portrait… button', async () => {
  const s = session();
  await go(s, '#/staff');
  const name = await s.waitForElement(tid('staff-name'));
  await name.sendKeys('Sune Lind');
  await (await s.find(tid('staff-role'))).sendKeys('Baker');
  // The file field is hidden behind its button; the picture goes to it as a file dialog would.
  await giveFile(s, tid('staff-photo'), resolve('src-tauri/core/tests/fixtures/cards/front.jpg'), 'sune.jpg', 'image/jpeg');
  const chosen = await s.execute('return document.querySelector(arguments[0]).parentElement.textContent;', [tid('staff-photo-choose')]);
  assert.match(String(chosen), /sune\.jpg/, 'the chosen portrait is named beside its button');
  await (await s.find(tid('staff-add'))).click();
  await s.waitFor(
    async () =>
      s.execute(
        `return [...document.querySelectorAll(arguments[0])].some((li) => li.textContent.includes('Sune Lind') && li.textContent.includes('Baker') && li.querySelector('img'));`,
        [tid('staff-item')],
      ),
    { message: 'Sune Lind listed with the portrait' },
  );
  /** @type {{ name: string, role: string, photoId: number | null }[]} */
  const listed = cli('staff', 'list');
  const sune = listed.find((m) => m.name === 'Sune Lind');
  assert.equal(sune?.role, 'Baker', 'stored in the book');
  assert.equal(typeof sune?.photoId, 'number', 'with a portrait');
});
