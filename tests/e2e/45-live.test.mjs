// Live screens, end to end: the command line writes to the window's book while the window is open,
// and what the window shows follows without a reload — a call logged from a script appears on the
// open contact page, a new customer on Today. A note the owner is typing is never thrown away: the
// page waits until the form is saved or closed.
// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, go, screenshot, session, tid, typeInto } from './helpers.mjs';

/** The notes on the open contact page's timeline. @param {import('./webdriver.mjs').Session} s */
async function notes(s) {
  const out = [];
  for (const n of await s.findAll(tid('touchpoint-note'))) out.push(await n.text());
  return out;
}

test('a call logged from the command line appears on the open contact page, after the note being typed is saved', async () => {
  const s = session();
  const contact = cli('contacts', 'add', '--first-name', 'Rosa', '--last-name', 'Lindqvist');
  const id = contact.contact.id;
  await go(s, `#/contact/${id}`);
  await s.waitForElement(tid('contact-name'), 15000);
  // Marks the page: a reload of the window would lose it, a re-read of the page keeps it.
  await s.execute('window.__samePage = true;');

  cli('touchpoint', 'add', String(id), '--kind', 'call', '--note', 'logged by the script');
  await s.waitFor(async () => (await notes(s)).includes('logged by the script'), {
    timeout: 10000,
    message: 'the call from the command line on the open page',
  });
  assert.equal(await s.execute('return window.__samePage === true;'), true, 'the page was re-read, not reloaded');
  await screenshot(s, 'live-contact-page');

  // The owner starts a note; a change from elsewhere waits until it is saved.
  await (await s.waitForElement(tid('log-call'))).click();
  const note = await s.waitForElement(tid('log-note'));
  await typeInto(s, note, 'she asked about the blue scarf');
  cli('touchpoint', 'add', String(id), '--kind', 'email', '--note', 'second from the script');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await (await s.find(tid('log-note'))).property('value'), 'she asked about the blue scarf', 'the typed note is kept');
  assert.ok(!(await notes(s)).includes('second from the script'), 'not drawn over the open form');
  await (await s.find(tid('log-save'))).click();
  await s.waitFor(
    async () => {
      const now = await notes(s);
      return now.includes('she asked about the blue scarf') && now.includes('second from the script');
    },
    { timeout: 10000, message: 'the saved note and the script\u2019s email both on the timeline' },
  );
});

test('a customer added from the command line appears on Today', async () => {
  const s = session();
  await go(s, '#/today');
  const count = async () => {
    const c = await s.findAll(tid('today-new-customers-count'));
    return c.length === 1 ? await c[0].text() : null;
  };
  await s.waitFor(async () => (await count()) !== null, { timeout: 15000, message: 'Today drawn' });
  const before = Number.parseInt((await count()) ?? '', 10);
  cli('contacts', 'add', '--first-name', 'Tomasz', '--last-name', 'Nowak', '--email', 'tomasz@example.com', '--customer-since', '2026-11-20');
  await s.waitFor(async () => Number.parseInt((await count()) ?? '', 10) === before + 1, {
    timeout: 10000,
    message: `Today's new customers to go from ${before} to ${before + 1}`,
  });
  const names = [];
  for (const link of await s.findAll(`${tid('today-new-customers')} ${tid('person-link')}`)) names.push(await link.text());
  assert.ok(names.includes('Tomasz Nowak'), `${names}`);
  await screenshot(s, 'live-today');
});

test('an edit saved while the command line changed the same customer: theirs kept, the field both changed settled by the owner', async () => {
  const s = session();
  const contact = cli('contacts', 'add', '--first-name', 'Pia', '--last-name', 'Sandvik', '--talked-about', 'her new shop');
  const id = contact.contact.id;
  await go(s, `#/contact/${id}`);
  await (await s.waitForElement(tid('contact-edit'), 15000)).click();
  await s.waitForElement(tid('field-talkingPoints'));

  // While the form is open, someone else changes the job title and what was talked about.
  cli('contacts', 'edit', String(id), '--job-title', 'Florist', '--talked-about', 'the shop opened on Friday');

  const talked = await s.find(tid('field-talkingPoints'));
  await talked.clear();
  await typeInto(s, talked, 'wants a wreath for December');
  await typeInto(s, await s.find(tid('field-notes')), 'pays by card');
  await (await s.find(tid('contact-save'))).click();

  const dialog = await s.waitForElement(tid('conflict-dialog'), 15000);
  assert.match(await (await s.find(tid('conflict-lead'))).text(), /changed what we talked about while you were editing/);
  const fields = await dialog.findAll(tid('conflict-field'));
  assert.equal(fields.length, 1, 'only the field both changed is asked about');
  assert.match(await fields[0].text(), /Keep theirs:\s*the shop opened on Friday/);
  await screenshot(s, 'edit-conflict');
  await (await fields[0].findAll(tid('conflict-mine')))[0].click();
  await (await s.find(tid('conflict-save'))).click();

  await s.waitFor(async () => (await s.findAll(tid('conflict-dialog'))).length === 0 && (await s.findAll(tid('contact-save'))).length === 0, {
    timeout: 15000,
    message: 'the edit saved',
  });
  const saved = cli('contacts', 'show', String(id));
  assert.equal(saved.contact.talkingPoints, 'wants a wreath for December', 'mine, as chosen');
  assert.equal(saved.contact.notes, 'pays by card', 'only mine changed');
  assert.equal(saved.contact.jobTitle, 'Florist', 'only theirs changed: kept');
});
