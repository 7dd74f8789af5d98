// The goodwill ledger, end to end: a customer's page says what we gave them beside what went
// wrong, and the apology composer shows the same line, so the tone and the remedy fit.
// @ts-check
import { test } from 'node:test';
import { Keys } from './webdriver.mjs';
import assert from 'node:assert/strict';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

test('the goodwill ledger is on the contact page and in the apology composer', async () => {
  const s = session();
  const olga = cli('contacts', 'add', '--first-name', 'Olga', '--last-name', 'Lind', '--customer-since', '2019-05-01');
  const id = String(olga.contact.id);
  cli('touchpoint', 'add', id, '--kind', 'purchase', '--note', 'Wedding flowers', '--date', '2026-10-01');
  cli('send', 'thank-you', id, '--in-person');
  cli('touchpoint', 'add', id, '--kind', 'complaint', '--note', 'The lilies wilted', '--date', '2026-11-20');

  await go(s, `#/contact/${id}`);
  await dismissToasts(s);
  const summary = await s.waitForElement(tid('goodwill-summary'), 15000);
  assert.equal(await summary.text(), 'A customer for 7 years: 1 purchase; we gave 1 gesture; 1 complaint open.');
  assert.equal(await (await s.find(tid('goodwill-given'))).text(), '1 gesture');

  // A gift, given from the page: on the timeline, and in the ledger with its value.
  await (await s.find(tid('log-gift'))).click();
  await typeInto(s, await s.waitForElement(tid('gift-what')), 'A bunch of peonies');
  await typeInto(s, await s.find(tid('gift-value')), '12,50');
  await typeInto(s, await s.find(tid('gift-occasion')), 'sorry for the lilies');
  await (await s.find(tid('gift-save'))).click();
  await s.waitFor(async () => (await (await s.find(tid('goodwill-given'))).text()) === '1 gesture · 1 gift (12.50)', {
    timeout: 15000,
    message: 'the gift in the ledger',
  });
  const page = cli('contacts', 'show', id);
  assert.equal(page.timeline[0].kind, 'gift');
  assert.equal(page.timeline[0].note, 'A bunch of peonies \u2014 sorry for the lilies (value 12.50)');

  await (await s.find(tid('contact-send'))).click();
  await s.waitForElement(tid('gesture-composer'));
  await s.execute(`const select = arguments[0]; select.value = 'apology'; select.dispatchEvent(new Event('change', { bubbles: true }));`, [
    await s.find(tid('gesture-kind')),
  ]);
  const line = await s.find(tid('gesture-goodwill'));
  await s.waitFor(async () => (await line.displayed()) && (await line.text()).includes('1 gift (worth 12.50)'), {
    timeout: 10000,
    message: 'the ledger in the apology composer',
  });
  await screenshot(s, 'apology-goodwill');
  // Nothing sent: the composer closes and leaves the window as it was.
  await s.pressKey(Keys.ESCAPE);
  await s.waitFor(async () => (await s.findAll(tid('gesture-composer'))).length === 0, { message: 'the composer closed' });
});
