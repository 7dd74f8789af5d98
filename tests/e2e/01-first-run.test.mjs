// c) An empty book offers sample customers; after loading them Today has its sections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { go, screenshot, session, tid } from './helpers.mjs';

test('first run offers samples, and Today shows sections after loading them', async () => {
  const s = session();
  await go(s, '#/today');
  const offer = await s.waitForElement(tid('first-run'));
  assert.match(await offer.text(), /Load 200 sample customers/);
  assert.ok(await (await s.find(tid('add-first'))).displayed(), 'offers to add the first customer');
  await screenshot(s, 'first-run');

  await (await s.find(tid('load-samples'))).click();
  await s.waitForElement(tid('today-birthdays'), 30000);
  for (const section of ['today-birthdays', 'today-complaints', 'today-overdue']) {
    assert.ok(await (await s.find(tid(section))).displayed(), `${section} is shown`);
  }
  assert.equal((await s.findAll(tid('first-run'))).length, 0, 'the first-run offer is gone');
  assert.equal(await (await s.find(tid('today-date'))).text(), 'Monday, 23 November 2026');
  await screenshot(s, 'today');

  await go(s, '#/contacts');
  const count = await s.waitForElement(tid('contact-count'));
  await s.waitFor(async () => /^200 contacts$/.test(await count.text()), { message: '200 contacts in the list' });
  await s.waitForElement(tid('contact-row'));
  await screenshot(s, 'contacts');
});
