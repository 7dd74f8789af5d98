// Prepares the accessibility sessions (90-, 91- and 92-accessibility): a book in which every
// screen has something to show — sample customers, one customer with every kind of detail and a
// timeline, a new customer to welcome, a complaint, staff with a portrait, a team photo, and the
// settings a card needs. The ids the tests need go to accessibility.json in the data folder.
// @ts-check
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the window shows once it has started on this data. */
export const ready = '[data-testid="today-page"]';

const PHOTO = fileURLToPath(new URL('../../src-tauri/core/tests/fixtures/cards/front.jpg', import.meta.url));

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const rapport = (/** @type {string[]} */ ...args) =>
    JSON.parse(execFileSync(bin, [...args, '--data-dir', dir, '--json'], { env: { ...process.env, RAPPORT_TODAY: '2026-11-23' }, stdio: 'pipe' }).toString());
  rapport('demo', '--contacts', '40');
  const ada = rapport(
    ...['contacts', 'add', '--first-name', 'Ada', '--last-name', 'Lindqvist', '--company', 'Lindqvist Ceramics', '--job-title', 'Owner'],
    ...['--email', 'ada@lindqvist.example', '--phone', '+46 8 123 45 67', '--birthday', '1984-11-25', '--tag', 'Regulars', '--tag', 'Wholesale'],
    ...['--notes', 'Prefers calls in the morning.', '--family', 'Two daughters, Elsa and Mira', '--interests', 'Sailing, sourdough'],
    ...['--street', '12 Strandvägen', '--city', 'Stockholm', '--postal-code', '114 56', '--country', 'SE', '--customer-since', '2019-04-02'],
  );
  const adaId = ada.contact?.id ?? ada.id;
  rapport('touchpoint', 'add', String(adaId), '--kind', 'purchase', '--note', 'Twelve glazed bowls for the café.', '--date', '2026-11-02');
  rapport('touchpoint', 'add', String(adaId), '--kind', 'complaint', '--note', 'One bowl arrived chipped.', '--date', '2026-11-20');
  rapport('touchpoint', 'add', String(adaId), '--kind', 'call', '--note', 'Asked about the spring catalogue.', '--date', '2026-11-21');
  const newcomer = rapport(
    ...['contacts', 'add', '--first-name', 'Noor', '--last-name', 'Haddad', '--company', 'Haddad Florist'],
    ...['--email', 'noor@haddad.example', '--customer-since', '2026-11-23'],
  );
  // Already in the book, so importing tests/e2e/fixtures/google-contacts.csv finds a duplicate.
  rapport('contacts', 'add', '--first-name', 'Ann', '--last-name', 'Lee', '--company', 'Lee & Sons, Bakery', '--email', 'ann@leebakery.example');
  const photo = rapport('photos', 'add', PHOTO, '--team', '--caption', 'The team at the market');
  rapport('staff', 'add', '--name', 'Maja Berg', '--role', 'Owner', '--photo', PHOTO);
  for (const [key, value] of [
    ['business_name', 'Fika & Co'],
    ['from_email', 'hello@fika.example'],
    ['signature', 'Maja and the team'],
    ['default_photo', String(photo.id)],
  ]) {
    execFileSync(bin, ['settings', 'set', key, value, '--data-dir', dir], { env: { ...process.env, RAPPORT_TODAY: '2026-11-23' }, stdio: 'pipe' });
  }
  writeFileSync(path.join(dir, 'accessibility.json'), JSON.stringify({ ada: adaId, newcomer: newcomer.contact?.id ?? newcomer.id, photo: photo.id }));
}
