// Larger text, in a window started with GTK's text scaled by 1.25 (see the .seed.mjs): the
// window is drawn larger, and every screen still fits its width — nothing runs off to the side
// and no button or field cuts its text — with no serious or critical axe-core violation.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, failing, overlappingControls, report } from './accessibility.mjs';
import { go, session, tid } from './helpers.mjs';
import { clicks, eachScreen } from './screens.mjs';
import { TEXT_SCALE } from './92-accessibility-large-text.seed.mjs';

// The driver's clicks miss in a zoomed window (see screens.mjs); the screens are reached by script.
clicks.scripted = true;

test('large text: the system’s text scale reaches the window', async () => {
  const s = session();
  await go(s, '#/today');
  await s.waitForElement(tid('today-page'));
  // Each CSS pixel is drawn TEXT_SCALE device pixels wide: the page is as many times narrower.
  const { inner, outer } = await s.execute('return { inner: innerWidth, outer: outerWidth };');
  assert.ok(Math.abs(outer / inner / TEXT_SCALE - 1) < 0.03, `zoomed by ${TEXT_SCALE} (window ${outer}px, page ${inner}px)`);
});

eachScreen('large-text', 'fits the width, cuts no control’s text, axe finds nothing serious', async (s, screen) => {
  const overflow = await s.execute(`
    const out = [];
    const content = document.querySelector('#content') ?? document.querySelector('[data-testid="recovery"]');
    if (document.documentElement.scrollWidth > innerWidth + 1) {
      // Name the outermost elements that reach past the window's edge.
      const past = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > innerWidth + 1));
      out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + 'px in ' + innerWidth + 'px, past the edge: ' + past.slice(0, 5).map((e) => e.outerHTML.slice(0, 120)).join(' | '));
    }
    if (content && content.scrollWidth > content.clientWidth + 1) out.push('the content scrolls sideways: ' + content.scrollWidth + 'px in ' + content.clientWidth + 'px');
    // Controls whose own text is cut (tables may scroll inside their frame; that is not counted).
    for (const el of document.querySelectorAll('button, .btn, .input, .chip, .nav-link, .tab, .seg-btn')) {
      if (!el.checkVisibility() || el.closest('.table-scroll, .vlist')) continue;
      const style = getComputedStyle(el);
      if (style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2)
        out.push('cut: ' + el.tagName.toLowerCase() + ' "' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '" ' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' + el.clientWidth + 'x' + el.clientHeight);
    }
    return out;`);
  assert.deepEqual(overflow, [], `${screen.name} at larger text`);
  assert.deepEqual(await overlappingControls(s), [], `controls drawn over each other on ${screen.name} at larger text`);
  const bad = failing(await axe(s));
  assert.equal(bad.length, 0, report(screen.name, bad));
});
