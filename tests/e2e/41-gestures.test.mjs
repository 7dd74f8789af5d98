// Gestures, end to end through the real window: a purchase on the timeline offers "Thank", the
// composer opens with the thank-you's words and the preview as the customer sees it, "Done in
// person" records "Thank-you sent". A complaint's loop is walked from the timeline (Apologise,
// Put right…, Checked back… happy) and Today counts it as ended happy this quarter.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

/**
 * Waits until a loop step has landed: its dialog closed and the timeline entry shows the new stage.
 * Clicking on before that races the dialog and the step's toast for the next button.
 * @param {import('./webdriver.mjs').Session} s @param {number} touchpointId @param {RegExp} stage
 */
async function stepLanded(s, touchpointId, stage) {
  await s.waitFor(
    async () => {
      if ((await s.findAll(`${tid('loop-dialog')}, ${tid('gesture-composer')}`)).length > 0) return false;
      const shown = await s.findAll(`${tid('touchpoint')}[data-id="${touchpointId}"] ${tid('loop-stage')}`);
      return shown.length === 1 && stage.test(await shown[0].text());
    },
    { timeout: 15000, message: `the loop to show ${stage}` },
  );
  await dismissToasts(s);
}

/** The kind labels on the timeline, newest first. @param {import('./webdriver.mjs').Session} s */
async function timelineKinds(s) {
  const out = [];
  for (const k of await s.findAll(tid('touchpoint-kind'))) out.push(await k.text());
  return out;
}

test('a thank-you for a purchase, done in person, lands on the timeline', async () => {
  const s = session();
  const contact = cli('contacts', 'add', '--first-name', 'Ingrid', '--last-name', 'Dahl', '--email', 'ingrid@dahl.example');
  const id = contact.contact.id;
  const purchase = cli('touchpoint', 'add', String(id), '--kind', 'purchase', '--note', 'a lemon tart', '--by', 'Maja');
  await go(s, `#/contact/${id}`);
  await (await s.waitForElement(`${tid('touchpoint')}[data-id="${purchase.id}"] ${tid('touchpoint-thank')}`, 15000)).click();
  await s.waitForElement(tid('gesture-composer'));
  assert.equal(await (await s.find(tid('gesture-kind'))).property('value'), 'thank-you');
  // The preview fills {last_purchase} and {staff_name} from the purchase it answers.
  const subject = await s.waitFor(
    async () => {
      const t = await (await s.find(tid('gesture-preview-subject'))).text();
      return t.includes('Ingrid') || t.includes('lemon tart') ? t : null;
    },
    { timeout: 20000, message: 'the preview subject' },
  );
  assert.ok(subject.length > 10, subject);
  const inPerson = await s.find(tid('gesture-in-person'));
  await s.waitFor(async () => !(await inPerson.property('disabled')), { message: 'Done in person enabled' });
  await screenshot(s, 'gesture-composer');
  await inPerson.click();
  await s.waitFor(async () => (await timelineKinds(s)).includes('Thank-you sent'), { timeout: 15000, message: '"Thank-you sent" on the timeline' });
  await screenshot(s, 'gesture-thank-you-sent');
});

test('a complaint walked to happy is counted on Today', async () => {
  const s = session();
  const contact = cli('contacts', 'add', '--first-name', 'Olav', '--last-name', 'Berge', '--customer-since', '2019-05-01');
  const id = contact.contact.id;
  // Dated long ago, so Today (which lists the oldest loops first) shows it among other tests' loops.
  const complaint = cli('touchpoint', 'add', String(id), '--kind', 'complaint', '--note', 'the bread was stale', '--date', '2020-06-01');
  await go(s, '#/today');
  const before = await s.waitForElement(tid('today-happy-quarter'), 20000);
  assert.match(await before.text(), /^0 complaints ended happy this quarter/);
  // The open loop is listed with its next step.
  const steps = await s.findAll(`${tid('loop-item')} ${tid('loop-next-step')}`);
  assert.ok(steps.length >= 1, 'an open loop on Today');
  assert.match(await steps[0].text(), /^Apologise/);
  // A loyal customer's complaint says so.
  const olav = await s.waitFor(
    async () => {
      for (const item of await s.findAll(tid('loop-item'))) if ((await item.text()).includes('Olav Berge')) return item;
      return null;
    },
    { message: "Olav's loop on Today" },
  );
  const loyal = await olav.findAll(tid('loop-loyal'));
  assert.equal(loyal.length, 1);
  assert.equal(await loyal[0].text(), 'loyal — a customer since 2019');
  await screenshot(s, 'gesture-today-open-loop');

  await go(s, `#/contact/${id}`);
  const loopButton = (/** @type {string} */ name) => s.waitForElement(`${tid('touchpoint')}[data-id="${complaint.id}"] ${tid(name)}`, 15000);
  await dismissToasts(s);
  await (await loopButton('loop-apologise')).click();
  await s.waitForElement(tid('gesture-composer'));
  assert.equal(await (await s.find(tid('gesture-kind'))).property('value'), 'apology');
  const inPerson = await s.find(tid('gesture-in-person'));
  await s.waitFor(async () => !(await inPerson.property('disabled')), { timeout: 20000, message: 'Done in person enabled' });
  await inPerson.click();

  await stepLanded(s, complaint.id, /^Apologised/);
  await (await loopButton('loop-put-right')).click();
  await s.waitForElement(tid('loop-dialog'));
  await typeInto(s, await s.find(tid('loop-what')), 'a fresh loaf, on the house');
  await typeInto(s, await s.find(tid('loop-by')), 'Maja');
  await screenshot(s, 'gesture-put-right');
  await (await s.find(tid('loop-confirm'))).click();

  await stepLanded(s, complaint.id, /^Put right: a fresh loaf, on the house \(by Maja\)$/);
  await (await loopButton('loop-check-back')).click();
  await s.waitForElement(tid('loop-dialog'));
  await (await s.find(tid('loop-outcome-happy'))).click();
  await (await s.find(tid('loop-confirm'))).click();
  await s.waitFor(
    async () => {
      const stage = await s.findAll(`${tid('touchpoint')}[data-id="${complaint.id}"] ${tid('loop-stage')}`);
      return stage.length === 1 && (await stage[0].text()) === 'Checked back — happy';
    },
    { timeout: 15000, message: 'the loop closed happy on the timeline' },
  );
  await screenshot(s, 'gesture-loop-closed');

  await go(s, '#/today');
  await s.waitFor(
    async () => {
      const line = await s.findAll(tid('today-happy-quarter'));
      return line.length === 1 && (await line[0].text()).startsWith('1 complaint ended happy this quarter');
    },
    { timeout: 15000, message: "Today's count of complaints ended happy" },
  );
  await screenshot(s, 'gesture-today');
});

/**
 * Clicks the `testid` button in the Today item of `section` that names `who`, found again if Today
 * was drawn anew meanwhile (it follows changes the command line makes).
 * @param {import('./webdriver.mjs').Session} s @param {string} section @param {string} who @param {string} testid
 */
async function clickInTodayItem(s, section, who, testid) {
  await s.waitFor(
    async () => {
      for (const item of await s.findAll(tid(section))) {
        try {
          if (!(await item.text()).includes(who)) continue;
          const [button] = await item.findAll(tid(testid));
          if (!button) return false;
          await button.click();
          return true;
        } catch {
          return false;
        }
      }
      return false;
    },
    { timeout: 15000, message: `${testid} for ${who} on Today` },
  );
}

test('a birthday on Today is greeted from there, and a customer past their keep-in-touch time gets a check-in', async () => {
  const s = session();
  cli('contacts', 'add', '--first-name', 'Greta', '--last-name', 'Holm', '--birthday', '1980-11-26', '--email', 'greta@example.com');
  const lars = cli('contacts', 'add', '--first-name', 'Lars', '--last-name', 'Berg', '--keep-in-touch-days', '14');
  cli('touchpoint', 'add', String(lars.contact.id), '--kind', 'call', '--date', '2026-10-01');
  await go(s, '#/today');

  await clickInTodayItem(s, 'birthday-item', 'Greta Holm', 'greet-birthday');
  await s.waitForElement(tid('gesture-composer'));
  assert.equal(await (await s.find(tid('gesture-kind'))).property('value'), 'birthday');
  const inPerson = await s.find(tid('gesture-in-person'));
  await s.waitFor(async () => !(await inPerson.property('disabled')), { timeout: 20000, message: 'Done in person enabled' });
  await screenshot(s, 'gesture-birthday-from-today');
  await inPerson.click();
  await s.waitFor(
    async () => {
      for (const item of await s.findAll(tid('birthday-item'))) {
        if (!(await item.text()).includes('Greta Holm')) continue;
        const greeted = await item.findAll(tid('birthday-greeted'));
        return greeted.length === 1 && (await greeted[0].text()) === 'greeted today';
      }
      return false;
    },
    { timeout: 15000, message: 'Greta greeted on Today' },
  );
  await dismissToasts(s);
  await screenshot(s, 'gesture-birthday-greeted');

  await clickInTodayItem(s, 'overdue-item', 'Lars Berg', 'check-in');
  await s.waitForElement(tid('gesture-composer'));
  assert.equal(await (await s.find(tid('gesture-kind'))).property('value'), 'check-in');
  const checkIn = await s.find(tid('gesture-in-person'));
  await s.waitFor(async () => !(await checkIn.property('disabled')), { timeout: 20000, message: 'Done in person enabled' });
  await checkIn.click();
  // In touch again: he leaves the list.
  await s.waitFor(
    async () => {
      for (const item of await s.findAll(tid('overdue-item'))) if ((await item.text()).includes('Lars Berg')) return false;
      return true;
    },
    { timeout: 15000, message: 'Lars off the keep-in-touch list' },
  );
});
