// The goodwill ledger, end to end: a customer's page says what we gave them beside what went
// wrong, and the apology composer shows the same line, so the tone and the remedy fit.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, go, screenshot, session, tid } from './helpers.mjs';

test('the goodwill ledger is on the contact page and in the apology composer', async () => {
  const s = session();
  const olga = cli('contacts', 'add', '--first-name', 'Olga', '--last-name', 'Lind', '--customer-since', '2019-05-01');
  const id = String(olga.contact.id);
  cli('touchpoint', 'add', id, '--kind', 'purchase', '--note', 'Wedding flowers', '--date', '2026-10-01');
  cli('send', 'thank-you', id, '--in-person');
  cli('touchpoint', 'add', id, '--kind', 'complaint', '--note', 'The lilies wilted', '--date', '2026-11-20');

  await go(s, `#/contact/${id}`);
  const summary = await s.waitForElement(tid('goodwill-summary'), 15000);
  assert.equal(await summary.text(), 'A customer for 7 years: 1 purchase; we gave 1 gesture; 1 complaint open.');
  assert.equal(await (await s.find(tid('goodwill-given'))).text(), '1 gesture');

  await (await s.find(tid('contact-send'))).click();
  await s.waitForElement(tid('gesture-composer'));
  await s.execute(`const select = arguments[0]; select.value = 'apology'; select.dispatchEvent(new Event('change', { bubbles: true }));`, [
    await s.find(tid('gesture-kind')),
  ]);
  const line = await s.find(tid('gesture-goodwill'));
  await s.waitFor(async () => (await line.displayed()) && (await line.text()).startsWith('A customer for 7 years'), {
    timeout: 10000,
    message: 'the ledger in the apology composer',
  });
  await screenshot(s, 'apology-goodwill');
});
