// Replies and testimonials, end to end: on a thank-you we sent, "They replied…" logs what the
// customer wrote as a compliment kept as a testimonial (may be quoted, takes calls); the contact
// page marks it, the Testimonials screen lists it, and its printable page carries the quote
// (read back by pdftotext).
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

const QUOTE = 'The bouquet made my mother cry happy tears. Thank you, Blomster-Hus!';

test('a reply to a thank-you becomes a testimonial on the Testimonials screen and its printed page', async () => {
  const s = session();
  const sigrid = cli('contacts', 'add', '--first-name', 'Sigrid', '--last-name', 'Berg', '--phone', '+47 912 34 567');
  const id = sigrid.contact.id;
  const sent = cli('send', 'thank-you', String(id), '--in-person');

  await go(s, `#/contact/${id}`);
  await dismissToasts(s);
  const reply = await s.waitFor(
    async () => {
      for (const item of await s.findAll(tid('touchpoint'))) {
        if ((await item.attribute('data-id')) !== String(sent.touchpoint.id)) continue;
        const [button] = await item.findAll(tid('touchpoint-reply'));
        return button ?? null;
      }
      return null;
    },
    { timeout: 15000, message: 'They replied… on the thank-you' },
  );
  await reply.click();
  await typeInto(s, await s.waitForElement(tid('reply-text')), QUOTE);
  await (await s.find(tid('reply-testimonial'))).click();
  await s.execute(`const select = arguments[0]; select.value = 'yes'; select.dispatchEvent(new Event('change', { bubbles: true }));`, [
    await s.find(tid('testimonial-may-quote')),
  ]);
  await (await s.find(tid('testimonial-takes-calls'))).click();
  await screenshot(s, 'reply-dialog');
  await (await s.find(tid('reply-save'))).click();
  const chip = await s.waitForElement(tid('touchpoint-testimonial-chip'), 15000);
  assert.equal(await chip.text(), 'Testimonial · may be quoted · takes calls');
  assert.equal(await (await s.find(tid('touchpoint-is-reply'))).text(), 'Their reply');

  await go(s, '#/testimonials');
  const quote = await s.waitFor(
    async () => {
      for (const q of await s.findAll(tid('testimonial-quote'))) if ((await q.property('textContent')) === QUOTE) return q;
      return null;
    },
    { timeout: 15000, message: 'the quote on the Testimonials screen' },
  );
  assert.ok(quote);
  await screenshot(s, 'testimonials-screen');

  await (await s.find(tid('testimonials-save-pdf'))).click();
  const saved = await s.waitForElement(tid('testimonials-saved-path'), 15000);
  const path = (await saved.text()).replace(/^Saved \d+ to /, '');
  assert.match(path, /testimonials-2026-11-23\.pdf$/);
  const text = execFileSync('pdftotext', [path, '-']).toString();
  assert.ok(text.includes('What our customers say'), text);
  assert.ok(text.replace(/\s+/g, ' ').includes('The bouquet made my mother cry happy tears'), text);
  assert.ok(text.includes('Sigrid Berg'), text);

  // The month's page for the team, from Staff & photos, carries the same words.
  await go(s, '#/staff');
  await (await s.waitForElement(tid('said-print'), 15000)).click();
  const said = await s.waitForElement(tid('said-path'), 15000);
  const saidPath = (await said.text()).replace(/^Saved \d+ compliments and complaints to /, '');
  assert.match(saidPath, /what-customers-said-2026-11\.pdf$/);
  const month = execFileSync('pdftotext', [saidPath, '-']).toString().replace(/\s+/g, ' ');
  assert.ok(month.includes('What customers said') && month.includes('The bouquet made my mother cry happy tears'), month);
  await s.execute('arguments[0].scrollIntoView({ block: "center" });', [await s.find(tid('said-section'))]);
  await screenshot(s, 'staff-month-page');
});
