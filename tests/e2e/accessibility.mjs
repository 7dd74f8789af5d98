// Accessibility checks through the real window, shared by the 9x-accessibility test files:
// axe-core's engine injected from ui/node_modules through WebDriver (the app's CSP does not apply
// to scripts the driver runs), and the measurements behind "larger text" and "visible focus".
// @ts-check
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Keys, Session } from './webdriver.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
/** axe-core's own build, read once. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What fails a screen: WCAG A/AA and best-practice rules whose impact is at least this. */
export const FAILING_IMPACTS = ['serious', 'critical'];

/**
 * @typedef {{ id: string, impact: string | null, help: string, helpUrl: string,
 *   nodes: { target: string[], failureSummary?: string, html: string }[] }} Violation
 */

/**
 * Runs axe-core on the whole document as it is now; returns every violation (all impacts).
 * @param {Session} s
 * @returns {Promise<Violation[]>}
 */
export async function axe(s) {
  const loaded = await s.execute('return typeof window.axe === "object";');
  if (!loaded) await s.execute(`${AXE_SOURCE}\n;window.axe = axe; return true;`);
  await s.settle();
  const result = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
       .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })) })) }))
       .catch((e) => done({ error: String(e && e.stack || e) }));`,
  );
  if (result.error) throw new Error(`axe-core failed: ${result.error}`);
  return result.violations;
}

/** The violations that fail a screen. @param {Violation[]} violations */
export const failing = (violations) => violations.filter((v) => FAILING_IMPACTS.includes(v.impact ?? ''));

/** A report a developer can act on: rule, impact, help link, and each element. @param {string} screen @param {Violation[]} violations */
export function report(screen, violations) {
  const lines = [`${screen}: ${violations.length} accessibility violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 6)) {
      lines.push(`    at ${n.target.join(' ')}  ${n.html.replace(/\s+/g, ' ')}`);
      if (n.failureSummary) lines.push(`      ${n.failureSummary.replace(/\n\s*/g, ' / ')}`);
    }
    if (v.nodes.length > 6) lines.push(`    … and ${v.nodes.length - 6} more`);
  }
  return lines.join('\n');
}

/**
 * The computed font size of every element that shows text of its own, keyed by a path that
 * names it, so two measurements of the same screen can be compared.
 * @param {Session} s
 * @returns {Promise<Record<string, number>>}
 */
export function textSizes(s) {
  return s.execute(`
    const sizes = {};
    const pathOf = (el) => {
      const parts = [];
      for (let n = el; n && n !== document.body; n = n.parentElement) {
        const i = n.parentElement ? [...n.parentElement.children].indexOf(n) : 0;
        parts.unshift(n.tagName.toLowerCase() + ':' + i);
      }
      return parts.join('/');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || !t.textContent.trim()) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      sizes[pathOf(el)] = parseFloat(getComputedStyle(el).fontSize);
    }
    return sizes;`);
}

/**
 * Sets the root font size as a larger-text setting would (a percentage of the default); null
 * puts the stylesheet's own back.
 * @param {Session} s @param {string | null} size
 */
export async function setRootFontSize(s, size) {
  await s.execute('document.documentElement.style.fontSize = arguments[0] ?? "";', [size]);
  await s.settle();
}

/**
 * @typedef {{ index: string | null, tag: string, label: string, focusVisible: boolean, look: string,
 *   tiny: boolean, inDialog: boolean }} Stop
 */

/**
 * Walks the screen with Tab as a keyboard user does, from the start of the open dialog (or of
 * the main content), until focus comes back round or `max` presses. Returns every stop with how
 * it is drawn focused and unfocused, and the focusable elements of the screen Tab never reached.
 * @param {Session} s @param {{ max?: number, from?: string }} [opts]
 * @returns {Promise<{ stops: (Stop & { unfocusedLook: string | null })[], unreached: string[] }>}
 */
export async function tabThrough(s, { max = 120, from } = {}) {
  await s.execute(
    `const dialogs = document.querySelectorAll('[role="dialog"]');
     const scope = dialogs.length ? dialogs[dialogs.length - 1] : document.querySelector(arguments[0] ?? '#content') ?? document.body;
     document.querySelectorAll('[data-a11y-tab]').forEach((e) => e.removeAttribute('data-a11y-tab'));
     let n = 0;
     for (const el of scope.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
       if (el.disabled || el.type === 'hidden' || el.getAttribute('tabindex') === '-1' || el.closest('[hidden], [inert]')) continue;
       // Rows of the virtual list outside the view are not in the page; those inside are counted.
       if (!el.checkVisibility({ visibilityProperty: true })) continue;
       el.setAttribute('data-a11y-tab', String(n++));
     }
     window.__a11yPrev = null;
     // Start just before the scope's first stop: the dialog panel or the main content.
     if (!scope.hasAttribute('tabindex')) scope.setAttribute('tabindex', '-1');
     scope.focus({ preventScroll: true });`,
    [from ?? null],
  );
  /** @type {(Stop & { unfocusedLook: string | null })[]} */
  const stops = [];
  const seen = new Set();
  /** @type {string | null} */
  let lastKey = null;
  for (let i = 0; i < max; i += 1) {
    await s.pressKey(Keys.TAB);
    /** @type {{ stop: Stop | null, prevNow: string | null }} */
    const step = await s.execute(`
      const look = (e) => { const c = getComputedStyle(e); return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow, c.borderColor, c.backgroundColor, c.textDecorationLine].join(' | '); };
      const prev = window.__a11yPrev;
      const prevNow = prev && prev.isConnected ? look(prev) : null;
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) { window.__a11yPrev = null; return { stop: null, prevNow }; }
      window.__a11yPrev = el;
      const box = el.getBoundingClientRect();
      const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || el.getAttribute('data-testid') || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      return { prevNow, stop: { index: el.getAttribute('data-a11y-tab'), tag: el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : ''), label: label || el.outerHTML.slice(0, 80),
        focusVisible: el.matches(':focus-visible'), look: look(el), tiny: box.width <= 2 || box.height <= 2, inDialog: !!el.closest('[role="dialog"]') } };`);
    if (!step.stop) {
      if (stops.length) {
        stops[stops.length - 1].unfocusedLook = step.prevNow;
        break;
      }
      continue;
    }
    const key = step.stop.index ?? `${step.stop.tag}:${step.stop.label}`;
    // A date input takes a Tab for each of its parts: the same element again is not a loop.
    if (key === lastKey) continue;
    lastKey = key;
    if (stops.length) stops[stops.length - 1].unfocusedLook = step.prevNow;
    if (seen.has(key)) break;
    seen.add(key);
    stops.push({ ...step.stop, unfocusedLook: null });
  }
  const unreached = await s.execute(
    `const reached = new Set(arguments[0]);
     // Tab enters a group of radio buttons once; the arrow keys move within it.
     const groups = new Set([...document.querySelectorAll('[data-a11y-tab]')].filter((e) => e.type === 'radio' && reached.has(e.getAttribute('data-a11y-tab'))).map((e) => e.name));
     return [...document.querySelectorAll('[data-a11y-tab]')].filter((e) => !reached.has(e.getAttribute('data-a11y-tab')) && !(e.type === 'radio' && groups.has(e.name)))
       .map((e) => e.tagName.toLowerCase() + ' ' + ((e.getAttribute('aria-label') || e.textContent || e.getAttribute('data-testid') || '').trim().slice(0, 40)));`,
    [stops.map((x) => x.index).filter(Boolean)],
  );
  return { stops, unreached };
}

/** The stops whose focus cannot be seen: nothing changes when focus arrives, or it lands on something invisible. @param {(Stop & { unfocusedLook: string | null })[]} stops */
export function invisibleFocus(stops) {
  return stops.filter((x) => x.tiny || (x.unfocusedLook !== null && x.unfocusedLook === x.look));
}

/**
 * Pairs of controls drawn over each other (a field running under its neighbour, a button on
 * top of a field): in an open dialog, its controls; otherwise the page's. The list's virtual
 * rows are left out (they are placed by script), as are fields hidden behind their buttons.
 * @param {import('./webdriver.mjs').Session} s
 * @returns {Promise<string[]>}
 */
export function overlappingControls(s) {
  return s.execute(`
    const dialogs = [...document.querySelectorAll('[role="dialog"], dialog[open]')].filter((d) => d.checkVisibility());
    const scope = dialogs.length ? dialogs[dialogs.length - 1] : document;
    // The part of an element its scrolling ancestors let be seen (a field scrolled under a
    // dialog's footer is not drawn there).
    const shown = (e) => {
      const r = e.getBoundingClientRect();
      let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let a = e.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
      }
      return box;
    };
    const name = (e) => e.tagName.toLowerCase() + ' "' + ((e.getAttribute('aria-label') || e.textContent || e.getAttribute('placeholder') || '').trim().slice(0, 30)) + '"';
    const boxes = [...scope.querySelectorAll('button, .btn, .input, select, textarea, input:not([type="hidden"])')]
      .filter((e) => e.checkVisibility() && !e.closest('.vlist, .visually-hidden') && !e.classList.contains('visually-hidden'))
      .map((e) => [e, shown(e)])
      .filter(([, r]) => r.right - r.left > 2 && r.bottom - r.top > 2);
    const out = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, ra] = boxes[i];
        const [b, rb] = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 2 && h > 2) out.push(name(a) + ' and ' + name(b) + ' overlap by ' + Math.round(w) + 'x' + Math.round(h));
      }
    }
    return out;`);
}
