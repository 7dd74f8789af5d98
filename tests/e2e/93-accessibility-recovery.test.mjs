// The recovery screen (shown instead of the app when the book cannot be opened): axe-core finds
// no serious or critical violation, Tab reaches every control with a visible focus, and the
// good backup can be chosen and restored from the keyboard alone.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, failing, invisibleFocus, report, tabThrough } from './accessibility.mjs';
import { screenshot, session, tid } from './helpers.mjs';
import { Keys } from './webdriver.mjs';

test('recovery: axe finds nothing serious, Tab reaches every control with a visible focus, Enter restores', async () => {
  const s = session();
  await s.waitForElement(tid('recovery'));
  await screenshot(s, 'a11y-light-recovery');
  const bad = failing(await axe(s));
  assert.equal(bad.length, 0, report('Recovery', bad));

  const { stops, unreached } = await tabThrough(s, { from: '[data-testid="recovery"]' });
  assert.deepEqual(unreached, [], 'controls Tab never reaches');
  assert.deepEqual(invisibleFocus(stops), [], 'focus that cannot be seen');

  // The keyboard alone: Tab to "Restore this backup" (the good backup is already chosen), Enter.
  for (let i = 0; i < 20 && (await s.execute('return document.activeElement?.dataset.testid ?? "";')) !== 'recovery-restore'; i += 1) {
    await s.pressKey(Keys.TAB);
  }
  assert.equal(await s.execute('return document.activeElement?.dataset.testid;'), 'recovery-restore');
  await s.pressKey(Keys.ENTER);
  await s.waitForElement(tid('new-contact'), 20000);
});
