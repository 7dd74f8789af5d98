// Accessibility of every screen in the light theme (the list is in screens.mjs): axe-core finds no
// serious or critical violation; Tab reaches every control of the screen and each shows a focus
// ring; text is sized from the root font size, so a larger text setting enlarges all of it.
// Then the keyboard: Tab order of the main actions, Enter and Space activate, Esc closes a
// dialog and gives focus back, the arrow keys place the whiteboard area. Every finding, of any
// impact, is written to target/e2e-screenshots/accessibility-light.txt.
// @ts-check
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { axe, failing, invisibleFocus, overlappingControls, report, setRootFontSize, tabThrough, textSizes } from './accessibility.mjs';
import { SCREENSHOT_DIR, go, screenshot, session, tid } from './helpers.mjs';
import { eachScreen, closeWithEsc, seededIds } from './screens.mjs';
import { Keys } from './webdriver.mjs';

/** @type {string[]} */
const findings = [];
after(() => writeFileSync(path.join(SCREENSHOT_DIR, 'accessibility-light.txt'), `${findings.join('\n\n')}\n`));

/** What has focus, by test id or text. @param {import('./webdriver.mjs').Session} s @returns {Promise<string>} */
const focused = (s) =>
  s.execute('const e = document.activeElement; return e ? (e.getAttribute("data-testid") || e.getAttribute("aria-label") || e.textContent || "").trim() : "";');

eachScreen('light', 'axe finds nothing serious, Tab reaches every control with a visible focus, text follows the root size', async (s, screen) => {
  const all = await axe(s);
  if (all.length) findings.push(report(screen.name, all));
  const bad = failing(all);
  assert.equal(bad.length, 0, report(screen.name, bad));

  // No control is drawn over another.
  assert.deepEqual(await overlappingControls(s), [], `controls drawn over each other on ${screen.name}`);

  // Larger text: every piece of text grows with the root font size (none fixed in px).
  const base = await textSizes(s);
  await setRootFontSize(s, '150%');
  const large = await textSizes(s);
  await setRootFontSize(s, null);
  const fixed = Object.entries(base)
    .filter(([where, size]) => where in large && Math.abs(large[where] / size - 1.5) > 0.08)
    .map(([where, size]) => `${where}: ${size}px → ${large[where]}px`);
  assert.ok(Object.keys(base).length > 0, 'some text measured');
  assert.deepEqual(fixed, [], `text that does not follow the root font size on ${screen.name}`);

  // Keyboard: every control is reached with Tab, and focus is drawn where it lands.
  const { stops, unreached } = await tabThrough(s);
  const unseen = invisibleFocus(stops).map((x) => `${x.tag} "${x.label}"${x.tiny ? ' (lands on something invisible)' : ' (looks the same focused)'}`);
  if (unreached.length || unseen.length)
    findings.push(`${screen.name}: keyboard\n  unreached: ${unreached.join('; ')}\n  no visible focus: ${unseen.join('; ')}`);
  assert.deepEqual(unreached, [], `controls Tab never reaches on ${screen.name}`);
  assert.deepEqual(unseen, [], `focus that cannot be seen on ${screen.name}`);
});

test('keyboard: the sidebar in order, Enter follows a link, Space presses a button, Esc closes the dialog and focus comes back', async () => {
  const s = session();
  // From the top of a freshly loaded window: New contact, then the screens in their order.
  await s.execute('window.__beforeReload = true; location.hash = "#/today"; location.reload();');
  await s.waitFor(async () => (await s.execute('return window.__beforeReload !== true && document.readyState === "complete";')) === true, {
    message: 'the window to reload',
  });
  await s.waitForElement(tid('today-page'), 20000);
  const order = [];
  const expected = ['new-contact', 'nav-today', 'nav-contacts', 'nav-cards', 'nav-testimonials', 'nav-exchange', 'nav-staff', 'nav-settings'];
  for (let i = 0; i < expected.length; i += 1) {
    await s.pressKey(Keys.TAB);
    order.push(await focused(s));
  }
  assert.deepEqual(order, expected);
  await screenshot(s, 'a11y-light-focus-ring');

  // Enter on "Contacts" opens the list.
  await s.execute('document.querySelector(arguments[0]).focus();', [tid('nav-contacts')]);
  await s.pressKey(Keys.ENTER);
  await s.waitForElement(tid('contacts-page'));

  // Space on "New contact" opens the dialog with focus inside it; Tab stays inside.
  await s.execute('document.querySelector(arguments[0]).focus();', [tid('new-contact')]);
  await s.pressKey(' ');
  const dialog = await s.waitForElement(tid('contact-dialog'));
  assert.equal(await s.execute('return !!document.activeElement.closest("[role=dialog]");'), true, 'focus moves into the dialog');
  for (let i = 0; i < 60; i += 1) {
    await s.pressKey(Keys.TAB);
    assert.equal(await s.execute('return !!document.activeElement.closest("[role=dialog]");'), true, `Tab ${i + 1} stays in the dialog`);
  }
  await closeWithEsc(s);
  assert.equal(await dialog.displayed().catch(() => false), false);
  assert.equal(await focused(s), 'new-contact', 'focus goes back to the button that opened the dialog');
});

test('keyboard: a call is logged on a contact page without the mouse', async () => {
  const s = session();
  const { ada } = seededIds();
  await go(s, `#/contact/${ada}`);
  await s.waitForElement(tid('contact-page'));
  await s.execute('document.querySelector(arguments[0]).focus();', [tid('log-call')]);
  await s.pressKey(Keys.ENTER);
  const note = await s.waitForElement(tid('log-note'));
  assert.equal(await s.execute('return document.activeElement === arguments[0];', [note]), true, 'the note has focus');
  await note.sendKeys('Called about the spring catalogue, by keyboard');
  // Tab to Save and press Enter.
  for (let i = 0; i < 10 && (await focused(s)) !== 'log-save'; i += 1) await s.pressKey(Keys.TAB);
  assert.equal(await focused(s), 'log-save');
  await s.pressKey(Keys.ENTER);
  await s.waitFor(async () => (await s.execute('return document.body.innerText;')).includes('by keyboard'), { message: 'the call on the timeline' });
});

test('keyboard: the whiteboard area is placed with the arrow keys and saved with Enter', async () => {
  const s = session();
  await go(s, '#/staff');
  await s.waitForElement(tid('staff-page'));
  await (await s.waitForElement(tid('pick-board'))).click();
  const stage = await s.waitForElement(tid('board-stage'));
  await s.waitFor(async () => (await s.execute('return arguments[0].querySelector("img").naturalWidth;', [stage])) > 0, { message: 'the photo shown' });
  await s.execute('arguments[0].focus();', [stage]);
  await s.pressKey(Keys.RIGHT);
  const placed = await s.execute('return arguments[0].querySelector(".board-rect").getBoundingClientRect().toJSON();', [stage]);
  assert.ok(placed.width > 0 && placed.height > 0, 'the first arrow places an area');
  await s.pressKey(Keys.RIGHT);
  await s.pressKey(Keys.SHIFT, Keys.DOWN);
  const moved = await s.execute('return arguments[0].querySelector(".board-rect").getBoundingClientRect().toJSON();', [stage]);
  assert.ok(moved.left > placed.left, 'an arrow moves it');
  assert.ok(moved.height > placed.height, 'Shift with an arrow resizes it');
  for (let i = 0; i < 5 && (await focused(s)) !== 'board-save'; i += 1) await s.pressKey(Keys.TAB);
  assert.equal(await focused(s), 'board-save');
  await s.pressKey(Keys.ENTER);
  await s.waitFor(async () => (await (await s.find(tid('photo-card'))).text()).includes('whiteboard area set'), { message: 'the area saved' });
});

test('the list shows every tag cell whole: long tags end in an ellipsis, the “+N” for more is never cut off', async () => {
  const s = session();
  await go(s, '#/contacts');
  await s.waitForElement(tid('contacts-page'));
  await s.waitFor(async () => (await s.execute('return document.querySelectorAll(".cell-tags .chip").length;')) > 0, {
    message: 'rows with tags',
  });
  /** @type {{ cells: number, cut: string[], more: string[] }} */
  const seen = await s.execute(`
    const cut = [], more = [];
    const cells = [...document.querySelectorAll('.cell-tags')];
    for (const cell of cells) {
      const box = cell.getBoundingClientRect();
      for (const chip of cell.querySelectorAll('.chip')) {
        const r = chip.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.width < 8) cut.push(chip.textContent + ' ' + chip.title);
        if (chip.classList.contains('chip-more')) more.push(chip.textContent);
      }
    }
    return { cells: cells.length, cut, more };`);
  assert.ok(seen.cells > 0, 'tag cells on the list');
  assert.deepEqual(seen.cut, [], 'tag chips cut off by their cell');
  assert.ok(seen.more.length > 0, 'a contact with more than two tags shows “+N”');
});
