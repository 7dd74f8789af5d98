// Prepares 46-shared-book.test.mjs: a team book on the test PostgreSQL server and two desks
// joined to it: the window's data folder (signing in with the owner's password from the
// environment, as a desk without a keyring does) and a second folder the test's command line
// writes from, as another desk would.
// @ts-check
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { atDesk, initTeamBook, joinFolder } from './team-server.mjs';
import { tempFolder } from './temp-folders.mjs';

/** What the window shows once it has started on the shared book: Today. */
export const ready = '[data-testid="new-contact"]';

/** The window signs in with the owner's password (no keyring under test); filled in by `seed`. */
export const appEnv = /** @type {Record<string, string>} */ ({});

/** Where the test finds the other desk and the owner's login. @param {string} dir */
export const deskNote = (dir) => path.join(dir, 'e2e-desk.json');

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const book = await initTeamBook(bin, `e2e${process.pid}`);
  const otherDesk = tempFolder('e2e-desk');
  joinFolder(bin, dir, book);
  joinFolder(bin, otherDesk, book);
  // A first customer, so Today shows its lists rather than the first-run welcome.
  atDesk(bin, otherDesk, book.password, 'contacts', 'add', '--first-name', 'Maria', '--last-name', 'Rossi');
  appEnv.RAPPORT_SERVER_PASSWORD = book.password;
  writeFileSync(deskNote(dir), JSON.stringify({ otherDesk, login: book.login, password: book.password }));
}
