// Follow-ups, end to end: added on a contact's page for a staff member, listed on Today when due
// (the window's date is pinned to Monday 2026-11-23), done in one click — which logs the call on
// the timeline — and opened again by Undo.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

/** The Today item whose note is `note`, or null. @param {import('./webdriver.mjs').Session} s @param {string} note */
async function todayItem(s, note) {
  for (const item of await s.findAll(tid('follow-up-item'))) {
    // The note is clamped to two lines, which WebKit's driver reads as no text: its content.
    if ((await (await item.find(tid('follow-up-note'))).property('textContent')) === note) return item;
  }
  return null;
}

test('a follow-up is added on the contact page, due on Today, done in one click and undone', async () => {
  const s = session();
  cli('staff', 'add', '--name', 'Sofie Dahl', '--role', 'Baker');
  const fredrik = cli('contacts', 'add', '--first-name', 'Fredrik', '--last-name', 'Lund');
  const id = String(fredrik.contact.id);

  // Added in the window: for tomorrow, for Sofie.
  await go(s, `#/contact/${id}`);
  await dismissToasts(s);
  await (await s.waitForElement(tid('follow-up-add'), 15000)).click();
  await typeInto(s, await s.waitForElement(tid('follow-up-note-input')), 'Call back about the wedding cake');
  await s.waitFor(async () => (await s.findAll(`${tid('follow-up-staff')} option`)).length > 1, { message: 'the staff in the list' });
  await s.execute(`const select = arguments[0]; select.value = 'Sofie Dahl'; select.dispatchEvent(new Event('change', { bubbles: true }));`, [
    await s.find(tid('follow-up-staff')),
  ]);
  await screenshot(s, 'follow-up-form');
  await (await s.find(tid('follow-up-save'))).click();
  const row = await s.waitForElement(tid('follow-up'), 15000);
  assert.equal(await (await row.find(tid('follow-up-when'))).text(), 'due tomorrow');
  assert.match(await row.text(), /for Sofie Dahl/);
  const stored = cli('followup', 'list').filter((/** @type {any} */ f) => f.contact.id === fredrik.contact.id);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].followUp.dueOn, '2026-11-24');
  assert.equal(stored[0].followUp.assignedTo, 'Sofie Dahl');

  // One already late, from the command line: Today lists it, the other waits for its day.
  const late = cli('followup', 'add', id, '--on', '2026-11-20', '--note', 'Send the quote for the party');
  await go(s, '#/today');
  const item = await s.waitFor(() => todayItem(s, 'Send the quote for the party'), { timeout: 15000, message: 'the late follow-up on Today' });
  assert.equal(await (await item.find(tid('follow-up-when'))).text(), '3 days overdue');
  assert.equal(await todayItem(s, 'Call back about the wedding cake'), null, 'not due yet');
  await screenshot(s, 'today-follow-ups');

  // Done: the call is on the timeline and the follow-up leaves Today.
  await (await item.find(tid('follow-up-done'))).click();
  await s.waitFor(async () => (await todayItem(s, 'Send the quote for the party')) === null, { timeout: 15000, message: 'the follow-up to leave Today' });
  const page = cli('contacts', 'show', id);
  assert.equal(page.timeline[0].kind, 'call');
  assert.equal(page.timeline[0].note, 'Send the quote for the party');
  assert.equal(page.followUps.find((/** @type {any} */ f) => f.id === late.id).doneByTouchpoint, page.timeline[0].id);

  // Undo in the toast: the entry goes, the follow-up is due again.
  // This toast's Undo: other tests' toasts may still be on screen.
  const undo = await s.waitFor(
    async () => {
      for (const t of await s.findAll(tid('toast'))) {
        if (!(await t.property('textContent')).includes('logged a call with Fredrik Lund')) continue;
        const [action] = await t.findAll(tid('toast-action'));
        if (action) return action;
      }
      return null;
    },
    { timeout: 10000, message: 'the Undo in the toast' },
  );
  await undo.click();
  await s.waitFor(() => todayItem(s, 'Send the quote for the party'), { timeout: 15000, message: 'the follow-up back on Today' });
  assert.equal(cli('contacts', 'show', id).timeline.length, 0);

  await go(s, `#/contact/${id}`);
  await s.waitFor(async () => (await s.findAll(tid('follow-up'))).length === 2, { timeout: 15000, message: 'both follow-ups on the page' });
  await screenshot(s, 'contact-follow-ups');
});
