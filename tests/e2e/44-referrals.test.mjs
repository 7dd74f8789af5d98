// Referrals, end to end: who sent a customer is noted from their page (a search, one click),
// shown on both pages, and Today suggests the referral thank-you — its composer names the friend —
// until it is given.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

/** The Today referral item for `referrer`, or null. @param {import('./webdriver.mjs').Session} s @param {string} referrer */
async function referralItem(s, referrer) {
  for (const item of await s.findAll(tid('referral-item'))) {
    if ((await (await item.find(tid('person-link'))).text()) === referrer) return item;
  }
  return null;
}

test('who sent a customer is noted on their page, and Today suggests thanking them', async () => {
  const s = session();
  const ingrid = cli('contacts', 'add', '--first-name', 'Ingrid', '--last-name', 'Sørlie', '--email', 'ingrid@example.no');
  const hugo = cli('contacts', 'add', '--first-name', 'Hugo', '--last-name', 'Sand');

  await go(s, `#/contact/${hugo.contact.id}`);
  await dismissToasts(s);
  await (await s.waitForElement(tid('referrer-change'), 15000)).click();
  await typeInto(s, await s.waitForElement(tid('referrer-search')), 'Ingrid');
  const pick = await s.waitFor(
    async () => {
      for (const b of await s.findAll(tid('referrer-result'))) if ((await b.text()).includes('Ingrid Sørlie')) return b;
      return null;
    },
    { timeout: 15000, message: 'Ingrid in the search' },
  );
  await pick.click();
  const by = await s.waitFor(
    async () => {
      const [link] = await s.findAll(tid('referred-by'));
      return link && (await link.text()) === 'Ingrid Sørlie' ? link : null;
    },
    { timeout: 15000, message: 'Sent to us by Ingrid' },
  );
  await screenshot(s, 'contact-referred-by');
  await by.click();
  await s.waitFor(
    async () => {
      const [person] = await s.findAll(tid('referred-person'));
      return person && (await person.text()) === 'Hugo Sand';
    },
    { timeout: 15000, message: 'Ingrid sent us Hugo, on her page' },
  );

  await go(s, '#/today');
  const item = await s.waitFor(() => referralItem(s, 'Ingrid Sørlie'), { timeout: 15000, message: 'the referral on Today' });
  await screenshot(s, 'today-referral');
  await (await item.find(tid('thank-referral'))).click();
  await s.waitForElement(tid('gesture-composer'));
  assert.equal(await (await s.find(tid('gesture-kind'))).property('value'), 'referral-thanks');
  assert.equal(await (await s.find(tid('gesture-friend'))).property('value'), 'Hugo Sand');
  const inPerson = await s.find(tid('gesture-in-person'));
  await s.waitFor(async () => !(await inPerson.property('disabled')), { timeout: 20000, message: 'Done in person enabled' });
  await inPerson.click();
  await s.waitFor(async () => (await referralItem(s, 'Ingrid Sørlie')) === null, { timeout: 15000, message: 'the referral thanked' });
  const timeline = cli('contacts', 'show', String(ingrid.contact.id)).timeline;
  assert.equal(timeline[0].kind, 'gestureSent');
});
