// End to end through the real window, in the session tests/e2e/run.mjs opened: a Thanksgiving
// batch for a tag, the preview of the real PDF pages, "Record as sent", and "Card sent" on a
// timeline. The recipients are added through the command line into the window's own book.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function find(session, testid, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const found = await wd('POST', `/session/${session}/element`, { using: 'css selector', value: `[data-testid="${testid}"]` });
      if (found?.[ELEMENT]) return found[ELEMENT];
      throw new Error(`no element ${testid}`);
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
  const dataDir = process.env.RAPPORT_E2E_DATA_DIR;
  const session = process.env.WEBDRIVER_SESSION;
  assert.ok(dataDir && session, 'run through tests/e2e/run.mjs');
  const env = { ...process.env, RAPPORT_TODAY: TODAY };
  const add = (...args) => JSON.parse(execFileSync(BIN, ['contacts', 'add', ...args, '--data-dir', dataDir, '--json'], { env }).toString());
  const ann = add(
    '--first-name',
    'Ann',
    '--last-name',
    'Regular',
    '--tag',
    'Regulars',
    '--interests',
    'Loves sourdough',
    '--street',
    '12 Rue de la Paix',
    '--city',
    'Paris',
    '--postal-code',
    '75002',
    '--country',
    'FR',
  );
  const bo = add('--first-name', 'Bo', '--last-name', 'Regular', '--tag', 'Regulars');
  const boId = bo.contact?.id ?? bo.id;
  add('--first-name', 'Cy', '--last-name', 'Stranger');
  const annId = ann.contact?.id ?? ann.id;

  const photo = JSON.parse(
    execFileSync(BIN, ['photos', 'add', resolve('src-tauri/core/tests/fixtures/cards/front.jpg'), '--team', '--data-dir', dataDir, '--json'], {
      env,
    }).toString(),
  );

  // Show Today afresh, with the contacts just added.
  await run(session, "location.hash = '#/today'; location.reload();");
  {
    // Today points at Thanksgiving (26 Nov, in 3 days).
    assert.equal(await text(session, 'today-occasion-name'), 'Thanksgiving — in 3 days (26 Nov)');
    await click(session, 'prepare-cards');
    await find(session, 'cards-page');
    // The page fills its choices after it shows: wait for the occasion it was opened with.
    await waitFor(
      async () => (await run(session, 'return document.querySelector(\'[data-testid="cards-occasion"]\')?.value ?? ""')) === 'thanksgiving-us',
      'the cards page opened on Thanksgiving',
    );

    // Recipients: the tag "Regulars" (2 people).
    await run(
      session,
      `
      const choice = document.querySelector('[data-testid="cards-recipients"]');
      choice.value = 'tag'; choice.dispatchEvent(new Event('change'));
      const tag = document.querySelector('[data-testid="cards-tag"]');
      tag.value = 'Regulars'; tag.dispatchEvent(new Event('change'));`,
    );
    await waitFor(async () => /^2 cards/.test(await text(session, 'cards-recipient-count')), 'two recipients');

    // No business name yet: the check stops the batch rather than sign "the team at".
    await click(session, 'cards-generate');
    await find(session, 'cards-missing-business', 60000);
    execFileSync(BIN, ['settings', 'set', 'business_name', "Ann's Bakery", '--data-dir', dataDir], { env });

    // Personal lines: Ann's is suggested from her interests; Bo gets one written by hand.
    await run(session, 'document.querySelector(\'[data-testid="cards-personal"]\').open = true;');
    await waitFor(
      async () => (await run(session, 'return document.querySelectorAll(\'[data-testid="cards-personal-line"]\').length')) === 2,
      'two personal lines',
    );
    const suggested = await run(session, `return [...document.querySelectorAll('[data-testid="cards-personal-line"]')].map((i) => i.value)`);
    assert.ok(
      suggested.some((line) => line.includes('loves sourdough')),
      JSON.stringify(suggested),
    );
    await run(
      session,
      `
      const input = document.querySelector('[data-testid="cards-personal-line"][data-contact-id="${boId}"]');
      input.value = 'See you at the market on Saturday!';
      input.dispatchEvent(new Event('input'));`,
    );

    // The team photo on the front.
    await run(
      session,
      `
      const front = document.querySelector('[data-testid="cards-front"]');
      front.value = '${photo.id}'; front.dispatchEvent(new Event('change'));`,
    );
    await waitFor(
      async () => (await run(session, 'return document.querySelector(\'[data-testid="cards-front-thumb"]\').naturalWidth')) > 0,
      'the photo thumbnail',
    );

    await click(session, 'cards-generate');
    await find(session, 'cards-check-ok', 60000);
    // The preview shows the real PDF pages, drawn by pdf.js on canvases.
    await waitFor(async () => (await run(session, 'return document.querySelectorAll(\'[data-testid="preview-page"]\').length')) >= 2, 'preview pages');
    // Every page drawn (pdf.js paints them one after another), the photo's dark pixels included.
    const inkPerPage = () =>
      run(
        session,
        `
      return [...document.querySelectorAll('[data-testid="preview-page"]')].map((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 120) ink++;
        return ink;
      });`,
      );
    await waitFor(async () => (await inkPerPage()).every((ink) => ink > 1000), 'both pages painted, photo included');
    await run(
      session,
      'document.querySelector(\'[data-testid="cards-page"]\').scrollIntoView(); document.querySelector(\'[data-testid="cards-preview"]\').scrollTop = 0;',
    );
    await run(session, 'return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const shots = resolve(process.env.RAPPORT_SCREENSHOT_DIR ?? 'target/e2e-screenshots');
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, 'cards-preview.png'), Buffer.from(await wd('GET', `/session/${session}/screenshot`), 'base64'));
    const saved = await text(session, 'cards-file');
    assert.match(saved, /thanksgiving-us-2026-11-23\.pdf/);
    const printed = execFileSync('pdftotext', [saved.replace(/^.* saved to /, ''), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    assert.match(printed, /loves sourdough/);
    assert.match(printed, /See you at the market on Saturday!/);
    assert.match(printed, /the team at Ann's Bakery/);
    const images = execFileSync('pdfimages', ['-list', saved.replace(/^.* saved to /, '')]).toString();
    assert.equal(images.split('\n').filter((l) => / jpeg /.test(l)).length, 2, `the photo on both fronts:\n${images}`);

    // Labels for the same recipients, with a printer offset; Bo has no address and is listed.
    await run(
      session,
      `
      document.querySelector('[data-testid="cards-mail"]').open = true;
      const kind = document.querySelector('[data-testid="cards-mail-kind"]');
      kind.value = 'labels:l7160'; kind.dispatchEvent(new Event('change'));
      document.querySelector('[data-testid="cards-offset-x"]').value = '0.5';
      document.querySelector('[data-testid="cards-offset-y"]').value = '-1';`,
    );
    await click(session, 'cards-mail-make');
    const labels = await text(session, 'cards-mail-file');
    assert.match(labels, /1 page saved to .*labels-l7160\.pdf/);
    assert.match(await text(session, 'cards-mail-skipped'), /Bo Regular/);
    await run(session, 'document.querySelector(\'[data-testid="cards-mail"]\').scrollIntoView();');
    writeFileSync(join(shots, 'cards-labels.png'), Buffer.from(await wd('GET', `/session/${session}/screenshot`), 'base64'));
    const labelText = execFileSync('pdftotext', [labels.replace(/^.* saved to /, ''), '-']).toString();
    assert.match(labelText, /75002 PARIS/);
    const offset = execFileSync(BIN, ['settings', 'get', 'label_offset_mm', '--data-dir', dataDir], { env }).toString().trim();
    assert.equal(offset, '0.5,-1', 'the calibrated offset is kept');

    await click(session, 'cards-record');
    await waitFor(async () => /Recorded on 2/.test(await text(session, 'cards-record')), 'recorded');

    // The timeline of a recipient shows "Card sent · Thanksgiving".
    await run(session, `location.hash = '#/contact/${annId}'`);
    await waitFor(async () => (await text(session, 'touchpoint-kind')) === 'Card sent', 'card sent on the timeline');
  }
  // And through the CLI: only the two tagged contacts got the card.
  const shown = JSON.parse(execFileSync(BIN, ['contacts', 'show', String(annId), '--data-dir', dataDir, '--json'], { env }).toString());
  assert.equal(shown.timeline.filter((t) => t.kind === 'cardSent').length, 1);
});
