// A team book on the test PostgreSQL server for the end-to-end tests that need one: the server
// tests/run started (RAPPORT_TEST_PG), or a throwaway one started here that stops when this
// process ends. `rapport server init` sets the book up; `rapport server join` joins a folder.
// @ts-check
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tempFolder } from './temp-folders.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let started = /** @type {Promise<string> | null} */ (null);

/** The test server's admin address. */
function serverUrl() {
  const given = process.env.RAPPORT_TEST_PG;
  if (given) return Promise.resolve(given);
  started ??= new Promise((resolve, reject) => {
    const script = path.join(here, '../../src-tauri/scripts/test-postgres.sh');
    // The server lives while its script's input is open: until this process ends.
    const child = spawn('bash', [script, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
    lines.once('line', (l) => resolve(l.trim()));
    child.once('exit', (code) => reject(new Error(`the test PostgreSQL server did not start (exit ${code})`)));
    child.unref();
  });
  return started;
}

/** The environment the command line runs in for these tests (no password from outside). */
function env() {
  const e = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  delete e.RAPPORT_SERVER_PASSWORD;
  return e;
}

/**
 * A fresh team book (database `name`) with its first owner, Olivia Owner.
 * @param {string} bin @param {string} name
 * @returns {Promise<{ joinCode: string, login: string, password: string }>}
 */
export async function initTeamBook(bin, name) {
  const admin = new URL(await serverUrl());
  admin.pathname = `/${name}`;
  const login = `${name}_olivia`;
  const setup = tempFolder('e2e-server');
  const init = JSON.parse(
    execFileSync(
      bin,
      [
        'server',
        'init',
        '--url',
        admin.toString(),
        '--owner',
        'Olivia Owner',
        '--owner-login',
        login,
        '--public-host',
        '127.0.0.1',
        '--json',
        '--data-dir',
        setup,
      ],
      { env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString(),
  );
  return { joinCode: init.joinCode, login, password: init.ownerLogin.password };
}

/**
 * Joins `folder` to the team book, the password on standard input (not remembered).
 * @param {string} bin @param {string} folder @param {{ joinCode: string, login: string, password: string }} book
 */
export function joinFolder(bin, folder, book) {
  execFileSync(bin, ['server', 'join', book.joinCode, '--login', book.login, '--data-dir', folder], {
    env: env(),
    input: `${book.password}\n`,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/**
 * The command line at another desk of the team book (a folder of its own, joined).
 * @param {string} bin @param {string} folder @param {string} password @param {string[]} args
 */
export function atDesk(bin, folder, password, ...args) {
  return JSON.parse(execFileSync(bin, [...args, '--data-dir', folder, '--json'], { env: { ...env(), RAPPORT_SERVER_PASSWORD: password } }).toString());
}
