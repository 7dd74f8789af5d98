// The screen shown instead of the app when the book cannot be opened: what is wrong, the backups
// found (each checked before it is offered), and a way back in without restarting.
import type { AppInfo, Recovery, RecoveryCandidate, RestoreInfo } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid } from '../shared/dom';
import { plural } from '../shared/dates';
import { formatBytes } from '../exchange/model';
import { goodBackups, preselected, recoveryText } from './model';

export function renderRecovery(
  root: HTMLElement,
  r: Recovery,
  onRecovered: (info: RestoreInfo) => void,
  onOpenedOther: (info: AppInfo) => void,
  onSignedIn: (info: AppInfo) => void = onOpenedOther,
): void {
  const text = recoveryText(r);
  const status = el('div', { class: 'result', testid: 'recovery-result', attrs: { role: 'status', 'aria-live': 'polite' } });
  let chosen = preselected(r);

  const restore = el('button', {
    type: 'button',
    class: 'btn btn-primary',
    testid: 'recovery-restore',
    text: 'Restore this backup',
    disabled: chosen === null,
  });
  const fileInput = el('input', {
    type: 'file',
    class: 'visually-hidden',
    testid: 'recovery-file',
    // Reached through its button: out of the Tab order and of what a screen reader reads.
    attrs: { accept: '.db,.sqlite,application/vnd.sqlite3,application/x-sqlite3', tabindex: '-1', 'aria-hidden': 'true' },
  });
  const other = el('button', { type: 'button', class: 'btn', testid: 'recovery-choose', text: 'Use a backup file…', on: { click: () => fileInput.click() } });

  async function recover(path: string) {
    restore.disabled = other.disabled = true;
    replaceChildren(status, el('p', { class: 'muted', text: 'Checking the backup and putting it in place…' }));
    try {
      onRecovered(await ipc.recoverFromBackup(path));
    } catch (e) {
      restore.disabled = chosen === null;
      other.disabled = false;
      replaceChildren(status, el('p', { class: 'form-error', testid: 'recovery-error', text: ipc.toAppError(e).message }));
    }
  }
  restore.addEventListener('click', () => {
    if (chosen) void recover(chosen.path);
  });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    try {
      await recover(await ipc.stageFile(file));
    } catch (e) {
      replaceChildren(status, el('p', { class: 'form-error', testid: 'recovery-error', text: ipc.toAppError(e).message }));
    }
  });

  // Another data folder: one holding a Rapport book, or an empty one for a new book.
  const folderStatus = el('div', { class: 'result', testid: 'recovery-folder-result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const folder = el('input', {
    type: 'text',
    class: 'input',
    testid: 'recovery-folder',
    attrs: { placeholder: '/home/you/Documents/Rapport', spellcheck: 'false', autocomplete: 'off' },
  });
  const chooseFolder = el('button', { type: 'button', class: 'btn', testid: 'recovery-choose-folder', text: 'Choose folder…' });
  const openFolder = el('button', { type: 'button', class: 'btn', testid: 'recovery-open-folder', text: 'Open this folder' });
  chooseFolder.addEventListener('click', async () => {
    try {
      const picked = await ipc.chooseFolder('Open a Rapport folder');
      if (picked) folder.value = picked;
    } catch (e) {
      replaceChildren(folderStatus, el('p', { class: 'form-error', text: ipc.toAppError(e).message }));
    }
  });
  async function openOther() {
    openFolder.disabled = chooseFolder.disabled = true;
    replaceChildren(folderStatus, el('p', { class: 'muted', text: 'Opening the book in that folder…' }));
    try {
      onOpenedOther(await ipc.openOtherFolder(folder.value));
    } catch (e) {
      openFolder.disabled = chooseFolder.disabled = false;
      replaceChildren(folderStatus, el('p', { class: 'form-error', testid: 'recovery-folder-error', text: ipc.toAppError(e).message }));
    }
  }
  openFolder.addEventListener('click', () => void openOther());
  folder.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void openOther();
  });
  const otherFolder = el(
    'section',
    { class: 'card' },
    el('h2', { class: 'card-title', text: 'Open another folder' }),
    el('p', {
      class: 'hint',
      text: 'A folder that holds a Rapport book (rapport.db), or an empty folder to start a new book. Only for this time: next time Rapport opens its usual folder again, unless you start it with --data-dir.',
    }),
    el('label', { class: 'field' }, el('span', { class: 'label', text: 'Folder' }), folder),
    el('div', { class: 'actions' }, chooseFolder, openFolder),
    folderStatus,
  );

  const signIn = r.code === 'noPassword' ? signInCard(onSignedIn) : null;

  const row = (b: RecoveryCandidate) => {
    const radio = el('input', {
      type: 'radio',
      name: 'recovery-backup',
      value: b.path,
      checked: b === chosen,
      disabled: b.problem !== null,
      attrs: { 'aria-label': `Backup of ${b.modified}` },
    });
    radio.addEventListener('change', () => {
      chosen = b;
      restore.disabled = false;
    });
    return el(
      'tr',
      { testid: 'recovery-row', class: b.problem ? 'unusable' : '' },
      el('td', null, radio),
      el('td', { class: 'num', text: b.modified }),
      el('td', { class: 'num', text: formatBytes(b.bytes) }),
      el('td', { testid: 'recovery-contacts', text: b.contacts === null ? '—' : plural(b.contacts, 'contact') }),
      el('td', null, el('code', { text: b.name }), b.problem && el('p', { class: 'field-error', text: `Cannot be used: ${b.problem}` })),
    );
  };

  const backups = !r.canRestore
    ? null
    : el(
        'section',
        { class: 'card' },
        el('h2', { class: 'card-title', text: 'Backups on this computer' }),
        r.backups.length === 0
          ? el('p', { class: 'section-empty', testid: 'recovery-none', text: `No backups were found in ${r.dataDir}/backups.` })
          : el(
              'table',
              { class: 'data-table', testid: 'recovery-list' },
              el(
                'thead',
                null,
                el(
                  'tr',
                  null,
                  el('th', null, el('span', { class: 'visually-hidden', text: 'Choose' })),
                  ...['Made', 'Size', 'Contacts', 'File'].map((h) => el('th', { text: h })),
                ),
              ),
              el('tbody', null, ...r.backups.map(row)),
            ),
        goodBackups(r).length === 0 &&
          r.backups.length > 0 &&
          el('p', { class: 'form-error', testid: 'recovery-none', text: 'None of these backups passed its check.' }),
        el('div', { class: 'actions' }, goodBackups(r).length > 0 && restore, other, fileInput),
        status,
      );

  replaceChildren(
    root,
    el(
      'main',
      { class: 'recovery', testid: 'recovery' },
      el('div', { class: 'brand' }, el('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' }, text: 'R' }), 'Rapport'),
      el('h1', { class: 'page-title', testid: 'recovery-title', text: text.title }),
      el('p', { class: 'lead', text: text.lead }),
      el('p', { class: 'lead', testid: 'recovery-advice', text: text.advice }),
      signIn,
      backups,
      otherFolder,
      // The team's book is on the server: the file paths would only mislead.
      r.code !== 'noPassword' &&
        el(
          'section',
          { class: 'card' },
          el('h2', { class: 'card-title', text: 'Where your book is' }),
          el('p', null, 'Book: ', el('code', { testid: 'recovery-path', text: r.databasePath })),
          el('p', null, 'Backups: ', el('code', { text: `${r.dataDir}/backups` })),
          el('p', {
            class: 'hint',
            text: r.canRestore
              ? 'From a terminal you can restore any backup file, or start Rapport on another folder:'
              : 'From a terminal you can start Rapport on another folder:',
          }),
          el(
            'pre',
            { class: 'cli' },
            r.canRestore ? `rapport restore BACKUP-FILE --data-dir "${r.dataDir}"\nrapport --data-dir OTHER-FOLDER` : 'rapport --data-dir OTHER-FOLDER',
          ),
          el('details', null, el('summary', { text: 'Technical details' }), el('p', { class: 'muted', testid: 'recovery-detail', text: r.message })),
        ),
    ),
  );
}

/** The shared book's sign-in: the password, and whether to keep it in the keyring. */
function signInCard(onSignedIn: (info: AppInfo) => void): HTMLElement {
  const passwordId = uid('password');
  const password = el('input', { id: passwordId, type: 'password', class: 'input', testid: 'sign-in-password', attrs: { autocomplete: 'current-password' } });
  const remember = el('input', { type: 'checkbox', testid: 'sign-in-remember' });
  const status = el('div', { class: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const submit = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'sign-in', text: 'Sign in' });
  const form = el(
    'form',
    {
      class: 'stack',
      testid: 'sign-in-form',
      on: {
        submit: async (e: Event) => {
          e.preventDefault();
          if (!password.value) {
            replaceChildren(status, el('p', { class: 'form-error', testid: 'sign-in-error', text: 'Type your password first.' }));
            return;
          }
          submit.disabled = true;
          replaceChildren(status, el('p', { class: 'muted', text: 'Signing in…' }));
          try {
            onSignedIn(await ipc.signIn(password.value, remember.checked));
          } catch (err) {
            submit.disabled = false;
            replaceChildren(status, el('p', { class: 'form-error', testid: 'sign-in-error', text: ipc.toAppError(err).message }));
          }
        },
      },
    },
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: passwordId, text: 'Password' }), password),
    el('label', { class: 'check' }, remember, ' Remember it on this computer'),
    el('div', { class: 'actions' }, submit),
    status,
  );
  queueMicrotask(() => password.focus());
  return el('section', { class: 'card', testid: 'sign-in-card' }, el('h2', { class: 'card-title', text: 'Sign in' }), form);
}
