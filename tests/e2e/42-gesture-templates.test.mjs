// Gesture templates in Settings, end to end: an unknown merge field is refused next to the box
// that holds it, with the fields the kind knows; the thank-you's new subject, once saved, is the
// one the composer on a contact shows; "Back to the default words" puts the old one back.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, go, screenshot, session, tid, typeInto } from './helpers.mjs';

/** Dismisses the toasts (as the owner would) so they cover no button. @param {import('./webdriver.mjs').Session} s */
async function dismissToasts(s) {
  await s.waitFor(
    async () => {
      const toasts = await s.findAll(`${tid('toast')}:not(.leaving)`);
      for (const t of toasts) await (await t.findAll('.toast-close'))[0]?.click().catch(() => {});
      return toasts.length === 0;
    },
    { message: 'the toasts dismissed' },
  );
}

test('the thank-you subject edited in Settings is the one the composer shows', async () => {
  const s = session();
  await go(s, '#/settings');
  const form = tid('gesture-kind-thank-you');
  const subject = await s.waitForElement(`${form} ${tid('gesture-subject-thank-you')}`, 20000);

  // An unknown field: refused beside the subject, naming the fields the kind knows.
  await typeInto(s, subject, 'Thanks for the {prodct}');
  await (await s.find(tid('gesture-save-thank-you'))).click();
  const problem = await s.waitFor(
    async () => {
      const p = await s.findAll(`${form} .field-error`);
      const t = p.length > 0 ? await p[0].text() : '';
      return t ? t : null;
    },
    { timeout: 15000, message: 'the refusal beside the subject' },
  );
  assert.match(problem, /\{prodct\}/);
  assert.match(problem, /\{last_purchase\}/);
  await s.execute('arguments[0].scrollIntoView({ block: "start" });', [await s.find(tid('gesture-templates'))]);
  await screenshot(s, 'gesture-templates-refused');

  await typeInto(s, await s.find(tid('gesture-subject-thank-you')), 'Many thanks, {first_name}!');
  await (await s.find(tid('gesture-save-thank-you'))).click();
  // Saved: the section is drawn again and the built-in kind can go back to its default words.
  await s.waitFor(
    async () => {
      const r = await s.findAll(tid('gesture-reset-thank-you'));
      return r.length === 1 && !(await r[0].property('disabled'));
    },
    { timeout: 15000, message: '"Back to the default words" offered' },
  );
  await s.execute('arguments[0].scrollIntoView({ block: "start" });', [await s.find(tid('gesture-templates'))]);
  await screenshot(s, 'gesture-templates');

  const contact = cli('contacts', 'add', '--first-name', 'Sigrid', '--last-name', 'Lund');
  const id = contact.contact.id;
  const purchase = cli('touchpoint', 'add', String(id), '--kind', 'purchase', '--note', 'a rye loaf');
  await go(s, `#/contact/${id}`);
  await (await s.waitForElement(`${tid('touchpoint')}[data-id="${purchase.id}"] ${tid('touchpoint-thank')}`, 15000)).click();
  await s.waitForElement(tid('gesture-composer'));
  assert.equal(await (await s.find(tid('gesture-subject'))).property('value'), 'Many thanks, {first_name}!');
  await s.waitFor(async () => (await (await s.find(tid('gesture-preview-subject'))).text()).endsWith('Many thanks, Sigrid!'), {
    timeout: 20000,
    message: 'the new subject in the preview',
  });
  await screenshot(s, 'gesture-templates-composer');

  // Back to the default words.
  await (await s.find(`${tid('gesture-composer')} [aria-label="Close"]`)).click();
  await go(s, '#/settings');
  await (await s.waitForElement(tid('gesture-reset-thank-you'), 20000)).click();
  await s.waitFor(
    async () => {
      const i = await s.findAll(tid('gesture-subject-thank-you'));
      return i.length === 1 && (await i[0].property('value')) === 'Thank you, {first_name}!';
    },
    { timeout: 15000, message: 'the default subject back' },
  );
});

test("a kind of the owner's own is added from Settings and offered by the composer", async () => {
  const s = session();
  await go(s, '#/settings');
  await dismissToasts(s);
  const label = await s.waitForElement(tid('gesture-new-label'), 20000);
  await typeInto(s, label, 'Get well soon');
  await typeInto(s, await s.find(tid('gesture-new-subject')), 'Get well soon, {first_name}');
  await typeInto(s, await s.find(tid('gesture-new-body')), 'Dear {first_name}, we hope you feel better. {signatur}');
  await (await s.find(tid('gesture-new-add'))).click();
  const problem = await s.waitFor(
    async () => {
      const p = await s.findAll(`${tid('gesture-new')} .field-error`);
      for (const e of p) {
        const t = await e.text();
        if (t) return t;
      }
      return null;
    },
    { timeout: 15000, message: 'the refusal beside the text' },
  );
  assert.match(problem, /\{signatur\}/);
  await s.execute('arguments[0].scrollIntoView({ block: "start" });', [await s.find(tid('gesture-new'))]);
  await screenshot(s, 'gesture-templates-own-kind');
  await typeInto(s, await s.find(tid('gesture-new-body')), 'Dear {first_name}, we hope you feel better.\n\n{signature}');
  await dismissToasts(s);
  await (await s.find(tid('gesture-new-add'))).click();
  await s.waitForElement(tid('gesture-kind-get-well-soon'), 15000);

  const contact = cli('contacts', 'add', '--first-name', 'Tove', '--last-name', 'Ruud');
  await go(s, `#/contact/${contact.contact.id}`);
  await (await s.waitForElement(tid('contact-send'), 15000)).click();
  await s.waitForElement(tid('gesture-composer'));
  const options = await s.findAll(`${tid('gesture-kind')} option`);
  const values = [];
  for (const o of options) values.push(await o.property('value'));
  assert.ok(values.includes('get-well-soon'), values.join(', '));
  // Leave the window as the next file expects it: no dialog open, no toast over the buttons.
  await s.execute("[...document.querySelectorAll('[data-testid=\"gesture-composer\"] button')].find((b) => b.textContent === 'Cancel').click();");
  await s.waitFor(async () => (await s.findAll(tid('gesture-composer'))).length === 0, { message: 'the composer to close' });
  await dismissToasts(s);
});
