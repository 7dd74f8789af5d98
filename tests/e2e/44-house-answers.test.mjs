// House answers, end to end: the owner keeps the shop's agreed answers in Settings; beside the
// touchpoint log "Use" puts one into the note (a promise into the promise); the promise made is on
// the timeline and, as the last one, at the top of the customer's page; the composer offers the
// same answers.
// @ts-check
import { test } from 'node:test';
import { Keys } from './webdriver.mjs';
import assert from 'node:assert/strict';
import { cli, dismissToasts, go, screenshot, session, tid, typeInto } from './helpers.mjs';

test('house answers are kept in Settings and used beside the log and the composer', async () => {
  const s = session();
  cli('answers', 'add', '--topic', 'Opening hours', '--answer', 'Tuesday to Saturday, 8 to 6');

  // The owner adds a promise the shop makes, in Settings.
  await go(s, '#/settings');
  const add = await s.waitForElement(tid('house-answer-add'), 15000);
  await typeInto(s, await add.find(tid('house-answer-topic')), 'Returns');
  await typeInto(s, await add.find(tid('house-answer-text')), 'A refund within 14 days');
  await (await add.find(tid('house-answer-promise'))).click();
  await (await add.find(tid('house-answer-save'))).click();
  await s.waitFor(async () => (await s.findAll(tid('house-answer-row'))).length === 2, {
    timeout: 10000,
    message: 'the new answer in the list',
  });
  const settingsBox = await s.find(tid('house-answers-settings'));
  await s.execute('arguments[0].scrollIntoView()', [settingsBox]);
  await screenshot(s, 'house-answers-settings');
  const kept = cli('answers', 'list');
  assert.deepEqual(
    kept.map((/** @type {{topic: string, isPromise: boolean}} */ a) => [a.topic, a.isPromise]),
    [
      ['Opening hours', false],
      ['Returns', true],
    ],
  );

  // Beside the log: an answer into the note, the promise into the promise.
  const olga = cli('contacts', 'add', '--first-name', 'Olga', '--last-name', 'Lind');
  const id = String(olga.contact.id);
  await go(s, `#/contact/${id}`);
  await dismissToasts(s);
  await (await s.waitForElement(tid('log-question'), 15000)).click();
  await typeInto(s, await s.waitForElement(tid('log-note')), 'Asked when we open and about returns.');
  const panel = await s.find(tid('log-house-answers'));
  await (await panel.find('summary')).click();
  const uses = await panel.findAll(tid('house-answer-use'));
  assert.equal(uses.length, 2);
  await uses[0].click();
  await uses[1].click();
  await screenshot(s, 'house-answers-log');
  await (await s.find(tid('log-save'))).click();
  const last = await s.waitForElement(tid('last-promise'), 15000);
  assert.match(await last.text(), /^Last promise: “A refund within 14 days” — /);
  assert.equal(await (await s.find(tid('touchpoint-promise'))).text(), 'Promised: A refund within 14 days');
  const page = cli('contacts', 'show', id);
  assert.equal(page.timeline[0].note, 'Asked when we open and about returns.\nTuesday to Saturday, 8 to 6');
  assert.equal(page.promises[0].promise, 'A refund within 14 days');
  await screenshot(s, 'house-answers-promise');

  // The composer offers the same answers for the message.
  await (await s.find(tid('contact-send'))).click();
  await s.waitForElement(tid('gesture-composer'));
  const inComposer = await s.find(tid('composer-house-answers'));
  await (await inComposer.find('summary')).click();
  const text = await s.find(tid('gesture-text'));
  const before = await s.execute('return arguments[0].value', [text]);
  await (await inComposer.findAll(tid('house-answer-use')))[0].click();
  const after = await s.execute('return arguments[0].value', [text]);
  assert.ok(String(after).startsWith(String(before)) && String(after).endsWith('Tuesday to Saturday, 8 to 6'), String(after));
  await s.pressKey(Keys.ESCAPE);
  await s.waitFor(async () => (await s.findAll(tid('gesture-composer'))).length === 0, { message: 'the composer closed' });
});
