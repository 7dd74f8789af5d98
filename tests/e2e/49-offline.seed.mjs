// Prepares 49-offline.test.mjs: a desk joined to a team book that made its copy of the book
// (`rapport server backup`), then its saved connection pointed at a port where no server
// listens, as if the server were switched off. The test points it back to bring the server back.
// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { atDesk, initTeamBook, joinFolder } from './team-server.mjs';

/** The window starts on the desk's copy, with its sidebar. */
export const ready = '[data-testid="new-contact"]';

/** The window signs in with the owner's password; filled in by `seed`. */
export const appEnv = /** @type {Record<string, string>} */ ({});

/** The desk's saved connection. @param {string} dir */
export const connectionFile = (dir) => path.join(dir, 'server.json');
/** Where the test finds the server's real port. @param {string} dir */
export const portNote = (dir) => path.join(dir, 'e2e-port.json');

/** A port on 127.0.0.1 where nothing listens. */
function closedPort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const book = await initTeamBook(bin, `e2eo${process.pid}`);
  joinFolder(bin, dir, book);
  atDesk(bin, dir, book.password, 'contacts', 'add', '--first-name', 'Tove', '--last-name', 'Lund');
  atDesk(bin, dir, book.password, 'server', 'backup');
  const saved = JSON.parse(readFileSync(connectionFile(dir), 'utf8'));
  writeFileSync(portNote(dir), JSON.stringify({ port: saved.port, login: book.login }));
  saved.port = await closedPort();
  writeFileSync(connectionFile(dir), JSON.stringify(saved, null, 2));
  appEnv.RAPPORT_SERVER_PASSWORD = book.password;
}
