// Prepares 48-sign-in.test.mjs: a data folder joined to a team book without the password
// remembered (and none in the environment), so the window opens on the sign-in screen.
// @ts-check
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTeamBook, joinFolder } from './team-server.mjs';

/** The window starts on the sign-in screen. */
export const ready = '[data-testid="sign-in-form"]';

/** Where the test finds the password. @param {string} dir */
export const passwordNote = (dir) => path.join(dir, 'e2e-sign-in.json');

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const book = await initTeamBook(bin, `e2es${process.pid}`);
  joinFolder(bin, dir, book);
  writeFileSync(passwordNote(dir), JSON.stringify(book));
}
