// Dark mode, in a window started with GTK's dark theme (see the .seed.mjs): the window follows it,
// and every screen keeps its contrast — axe-core finds no serious or critical violation (its
// colour-contrast rule measures every piece of text against what is behind it). Findings of any
// impact are written to target/e2e-screenshots/accessibility-dark.txt.
// @ts-check
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { axe, failing, report } from './accessibility.mjs';
import { SCREENSHOT_DIR, go, session, tid } from './helpers.mjs';
import { clicks, eachScreen } from './screens.mjs';

// What is checked here is contrast, not clicking: the screens are reached by script. (A window
// started with GTK's dark theme has its content offset from where the driver aims: a CI run saw
// "Merge with…" land on the Complaint button below it.)
clicks.scripted = true;

/** @type {string[]} */
const findings = [];
after(() => writeFileSync(path.join(SCREENSHOT_DIR, 'accessibility-dark.txt'), `${findings.join('\n\n')}\n`));

test('dark: the window follows the system’s dark theme', async () => {
  const s = session();
  await go(s, '#/today');
  await s.waitForElement(tid('today-page'));
  assert.equal(await s.execute('return matchMedia("(prefers-color-scheme: dark)").matches;'), true, 'the webview reports dark mode');
  // The page itself is dark: the relative luminance of the background and of the text.
  const [background, text] = await s.execute(`
    const lum = (css) => {
      const [r, g, b] = css.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(document.documentElement);
    return [lum(style.backgroundColor), lum(getComputedStyle(document.body).color)];`);
  assert.ok(background < 0.05, `a dark background (luminance ${background})`);
  assert.ok(text > 0.6, `light text (luminance ${text})`);
  // Native controls (select menus, checkboxes, scroll bars) are drawn dark too.
  assert.match(await s.execute('return getComputedStyle(document.documentElement).colorScheme;'), /dark/);
});

eachScreen('dark', 'axe finds nothing serious', async (s, screen) => {
  const all = await axe(s);
  if (all.length) findings.push(report(screen.name, all));
  const bad = failing(all);
  assert.equal(bad.length, 0, report(screen.name, bad));
});
