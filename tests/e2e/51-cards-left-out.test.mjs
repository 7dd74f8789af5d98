// A batch in which one name has characters no installed font can print: the other cards are
// printed, the left-out one is listed with how it would print, and is then printed without them.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { go, screenshot, session, tid } from './helpers.mjs';

test('a name no font can print is left out, then printed without the missing characters', async () => {
  const s = session();
  await go(s, '#/cards');
  await s.waitForElement(tid('cards-generate'));
  await s.waitFor(async () => /3 cards/.test(await (await s.find(tid('cards-recipient-count'))).text()), { message: '3 cards chosen' });
  await (await s.find(tid('cards-generate'))).click();
  const printed = await s.waitForElement(tid('cards-printed'), 30000);
  assert.equal(await printed.text(), 'Printed 2 cards; 1 left out: Bob 🧑‍🍳 Stone');
  const name = await s.find(tid('cards-left-out-name'));
  assert.match(await name.text(), /no font for “🧑🍳”\) would print as Bob Stone/);
  await screenshot(s, 'cards-left-out');

  await (await s.find(tid('cards-print-left-out'))).click();
  await s.waitFor(async () => (await (await s.find(tid('cards-printed'))).text()) === 'Printed 1 card.', {
    timeout: 30000,
    message: 'the left-out card printed',
  });
  await screenshot(s, 'cards-left-out-printed');
});
