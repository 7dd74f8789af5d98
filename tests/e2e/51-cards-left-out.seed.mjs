// Prepares 51-cards-left-out.test.mjs: three customers, one with an emoji in the name, and the
// window started with fontconfig given an empty fonts folder, so only Rapport's own fonts
// (Latin, Greek, Cyrillic) and DejaVu Sans, for the window's own text, are there: the emoji has
// no font.
// @ts-check
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempFolder } from './temp-folders.mjs';

/** What the window shows once it has started on this data: Today. */
export const ready = '[data-testid="new-contact"]';

const fonts = tempFolder('e2e-fonts');
mkdirSync(path.join(fonts, 'fonts'), { recursive: true });
const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
if (existsSync(dejavu)) symlinkSync(dejavu, path.join(fonts, 'fonts', 'DejaVuSans.ttf'));
const conf = path.join(fonts, 'fonts.conf');
writeFileSync(
  conf,
  `<?xml version="1.0"?>\n<fontconfig><dir>${path.join(fonts, 'fonts')}</dir><cachedir>${path.join(fonts, 'cache')}</cachedir></fontconfig>\n`,
);
export const appEnv = { FONTCONFIG_FILE: conf };

/** @param {string} dir @param {string} bin */
export async function seed(dir, bin) {
  const env = { ...process.env, RAPPORT_TODAY: '2026-11-23' };
  const run = (/** @type {string[]} */ args) => execFileSync(bin, [...args, '--data-dir', dir], { env, stdio: 'pipe' });
  run(['settings', 'set', 'business_name', "Ann's Bakery"]);
  run(['contacts', 'add', '--first-name', 'Ann', '--last-name', 'Lee']);
  run(['contacts', 'add', '--first-name', 'Bob 🧑‍🍳', '--last-name', 'Stone']);
  run(['contacts', 'add', '--first-name', 'Ольга', '--last-name', 'Ivanova']);
}
