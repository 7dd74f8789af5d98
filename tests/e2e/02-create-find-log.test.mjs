// a) Create a contact with accents, find it without them, log a call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keys } from './webdriver.mjs';
import { createContact, go, screenshot, session, tid, typeInto } from './helpers.mjs';

test('a new contact is found without accents and a logged call shows on the timeline', async () => {
  const s = session();
  await go(s, '#/today');
  await createContact(s, { givenName: 'José', familyName: 'Ødegård-Müller', company: 'Fjord Bakery' });
  assert.equal(await (await s.find(tid('contact-name'))).text(), 'José Ødegård-Müller');

  await (await s.find('[data-testid="nav-contacts"]')).click();
  const search = await s.waitForElement(tid('search'));
  await typeInto(s, search, 'odegard');
  const link = await s.waitFor(
    async () => {
      for (const row of await s.findAll(`${tid('contact-row')} ${tid('row-name')}`)) {
        if ((await row.text()) === 'José Ødegård-Müller') return row;
      }
      return null;
    },
    { message: 'the row for José Ødegård-Müller' },
  );
  await link.click();
  await s.waitForElement(tid('contact-page'));
  assert.equal(await (await s.find(tid('contact-name'))).text(), 'José Ødegård-Müller');

  await (await s.find(tid('log-call'))).click();
  const note = await s.waitForElement(tid('log-note'));
  const focused = await s.execute('return document.activeElement === arguments[0];', [note]);
  assert.equal(focused, true, 'the note has focus');
  assert.equal(await (await s.find(tid('log-date'))).property('value'), '2026-11-23');
  await note.sendKeys('Asked about the rye sourdough for Saturday');
  await note.sendKeys(Keys.ENTER);

  const item = await s.waitFor(
    async () => {
      for (const tp of await s.findAll(tid('touchpoint'))) {
        if ((await tp.attribute('data-kind')) === 'call') return tp;
      }
      return null;
    },
    { message: 'the call on the timeline' },
  );
  assert.equal(await (await item.findAll(tid('touchpoint-kind')))[0].text(), 'Call');
  assert.equal(await (await item.findAll(tid('touchpoint-note')))[0].text(), 'Asked about the rye sourdough for Saturday');
  await screenshot(s, 'contact');
});
