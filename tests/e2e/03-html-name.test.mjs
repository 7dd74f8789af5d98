// b) A name that looks like HTML is shown as text everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContact, go, session, screenshot, tid, typeInto } from './helpers.mjs';

const EVIL = '<img src=x onerror=alert(1)>';

test('a contact named like an HTML tag is shown as that text, with no element created', async () => {
  const s = session();
  await go(s, '#/today');
  await createContact(s, { givenName: EVIL, familyName: 'Test' });
  const name = await s.find(tid('contact-name'));
  assert.equal(await name.text(), `${EVIL} Test`);
  assert.equal((await name.findAll('img')).length, 0, 'no <img> inside the name on the contact page');

  await go(s, '#/contacts');
  const search = await s.waitForElement(tid('search'));
  await typeInto(s, search, 'onerror');
  const rowName = await s.waitFor(
    async () => {
      for (const n of await s.findAll(`${tid('contact-row')} ${tid('row-name')}`)) {
        if ((await n.text()) === `${EVIL} Test`) return n;
      }
      return null;
    },
    { message: 'the row with the HTML-like name' },
  );
  assert.equal((await rowName.findAll('img')).length, 0, 'no <img> inside the name in the list');
  assert.equal(await s.execute('return document.querySelectorAll("img").length;'), 0, 'no <img> anywhere');
  await screenshot(s, 'html-name-list');
  await typeInto(s, search, '');
});
