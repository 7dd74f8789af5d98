// End to end through the real window (tauri-driver WebDriver on 127.0.0.1:4444): a Thanksgiving
// batch for a tag, the preview of the real PDF pages, "Record as sent", and "Card sent" on a
// timeline. Self-contained WebDriver calls (W3C protocol over fetch), so it depends only on
// tauri-driver and the built binary: RAPPORT_BIN (default target/debug/rapport).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DRIVER = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const BIN = resolve(process.env.RAPPORT_BIN ?? 'target/debug/rapport');
const TODAY = '2026-11-23';

async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecb';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function find(session, testid, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const found = await wd('POST', `/session/${session}/element`, { using: 'css selector', value: `[data-testid="${testid}"]` });
      return found[ELEMENT];
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(200);
    }
  }
}
const click = async (s, id) => wd('POST', `/session/${s}/element/${await find(s, id)}/click`, {});
const text = async (s, id) => wd('GET', `/session/${s}/element/${await find(s, id)}/text`);
const run = (s, script, args = []) => wd('POST', `/session/${s}/execute/sync`, { script, args });

async function waitFor(check, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

test('a Thanksgiving batch for a tag: preview, record as sent, card on the timeline', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-e2e-cards-'));
  const env = { ...process.env, RAPPORT_TODAY: TODAY };
  const add = (...args) =>
    JSON.parse(execFileSync(BIN, ['contacts', 'add', ...args, '--data-dir', dataDir, '--json'], { env }).toString());
  const ann = add('--first-name', 'Ann', '--last-name', 'Regular', '--tag', 'Regulars');
  add('--first-name', 'Bo', '--last-name', 'Regular', '--tag', 'Regulars');
  add('--first-name', 'Cy', '--last-name', 'Stranger');
  const annId = ann.contact?.id ?? ann.id;

  const session = (
    await wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: BIN, args: ['--data-dir', dataDir] } } },
    })
  ).sessionId;
  try {
    // Today points at Thanksgiving (26 Nov, in 3 days).
    assert.match(await text(session, 'today-occasion-name'), /Thanksgiving/);
    await click(session, 'prepare-cards');
    await find(session, 'cards-page');
    assert.equal(await run(session, 'return document.querySelector(\'[data-testid="cards-occasion"]\').value'), 'thanksgiving-us');

    // Recipients: the tag "Regulars" (2 people).
    await run(session, `
      const choice = document.querySelector('[data-testid="cards-recipients"]');
      choice.value = 'tag'; choice.dispatchEvent(new Event('change'));
      const tag = document.querySelector('[data-testid="cards-tag"]');
      tag.value = 'Regulars'; tag.dispatchEvent(new Event('change'));`);
    await waitFor(async () => /^2 cards/.test(await text(session, 'cards-recipient-count')), 'two recipients');

    await click(session, 'cards-generate');
    await find(session, 'cards-check-ok', 60000);
    // The preview shows the real PDF pages, drawn by pdf.js on canvases.
    await waitFor(async () => (await run(session, 'return document.querySelectorAll(\'[data-testid="preview-page"]\').length')) >= 2, 'preview pages');
    const painted = await run(session, `
      const c = document.querySelector('[data-testid="preview-page"]');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 200) ink++;
      return ink;`);
    assert.ok(painted > 100, 'the first page has ink on it');
    writeFileSync(join(dataDir, 'cards-preview.png'), Buffer.from(await wd('GET', `/session/${session}/screenshot`), 'base64'));
    assert.match(await text(session, 'cards-file'), /thanksgiving-us-2026-11-23\.pdf/);

    await click(session, 'cards-record');
    await waitFor(async () => /Recorded on 2/.test(await text(session, 'cards-record')), 'recorded');

    // The timeline of a recipient shows "Card sent · Thanksgiving".
    await run(session, `location.hash = '#/contact/${annId}'`);
    await waitFor(async () => (await text(session, 'touchpoint-kind')) === 'Card sent', 'card sent on the timeline');
  } finally {
    await wd('DELETE', `/session/${session}`).catch(() => {});
  }
  // And through the CLI: only the two tagged contacts got the card.
  const shown = JSON.parse(execFileSync(BIN, ['contacts', 'show', String(annId), '--data-dir', dataDir, '--json'], { env }).toString());
  assert.equal(shown.timeline.filter((t) => t.kind === 'cardSent').length, 1);
});
