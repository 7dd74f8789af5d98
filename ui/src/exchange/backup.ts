// Backups: "Back up now", the list of backups with Restore, the retention of automatic ones,
// and restoring from any file — after a confirmation, the current book kept as a backup first.
import type { BackupFile, Retention } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { plural, todayIso } from '../shared/dates';
import { showError, toast } from '../shared/toast';
import { formatBytes } from './model';

/** Read after the reload that follows a restore, so the owner sees what happened. */
export const RESTORED_KEY = 'rapport.restored';

export async function renderBackup(panel: HTMLElement): Promise<void> {
  const [backups, retention] = await Promise.all([ipc.listBackups(), ipc.backupRetention()]);
  const result = el('div', { class: 'result', testid: 'backup-result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const now = el('button', { type: 'button', class: 'btn btn-primary', testid: 'backup-now', text: 'Back up now' });
  const copy = el('button', { type: 'button', class: 'btn', testid: 'backup-copy', text: 'Save a copy to…' });
  async function backUp(out: string | null) {
    now.disabled = copy.disabled = true;
    try {
      const info = await ipc.backupNow(out);
      await renderBackup(panel);
      const fresh = panel.querySelector<HTMLElement>('[data-testid="backup-result"]');
      if (fresh)
        replaceChildren(
          fresh,
          el(
            'div',
            { class: 'result-ok' },
            el('p', { class: 'result-title', text: 'Backed up and checked.' }),
            el('p', null, 'Saved to ', el('code', { testid: 'backup-path', text: info.path }), ` (${formatBytes(info.bytes)}).`),
          ),
        );
    } catch (e) {
      now.disabled = copy.disabled = false;
      replaceChildren(result, el('p', { class: 'form-error', text: ipc.toAppError(e).message }));
    }
  }
  now.addEventListener('click', () => void backUp(null));
  copy.addEventListener('click', async () => {
    try {
      const path = await ipc.chooseSavePath(`rapport-backup-${todayIso()}.db`, { name: 'Rapport backup', extensions: ['db'] }, 'Save a backup copy to');
      if (path) await backUp(path);
    } catch (e) {
      showError(e);
    }
  });

  const fileInput = el('input', {
    type: 'file',
    class: 'visually-hidden',
    testid: 'restore-file',
    // Reached through its button: out of the Tab order and of what a screen reader reads.
    attrs: { accept: '.db,.sqlite,application/vnd.sqlite3,application/x-sqlite3', tabindex: '-1', 'aria-hidden': 'true' },
  });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    try {
      confirmRestore(await ipc.stageFile(file), file.name);
    } catch (e) {
      showError(e);
    }
  });

  const list =
    backups.length === 0
      ? el('p', { class: 'section-empty', text: 'No backups yet. One is made automatically each day Rapport opens.' })
      : el(
          'table',
          { class: 'data-table', testid: 'backup-list' },
          el(
            'thead',
            null,
            el(
              'tr',
              null,
              ...['Made', 'File', 'Size', 'Kind'].map((h) => el('th', { text: h })),
              el('th', null, el('span', { class: 'visually-hidden', text: 'Restore' })),
            ),
          ),
          el(
            'tbody',
            null,
            ...backups.map((b: BackupFile) =>
              el(
                'tr',
                { testid: 'backup-row' },
                el('td', { class: 'num', text: b.modified }),
                el('td', null, el('code', { text: b.name })),
                el('td', { class: 'num', text: formatBytes(b.bytes) }),
                el('td', { text: b.automatic ? 'Daily' : b.name.startsWith('before-restore') ? 'Before a restore' : 'By hand' }),
                el(
                  'td',
                  null,
                  el('button', {
                    type: 'button',
                    class: 'btn btn-small',
                    testid: 'restore-row',
                    text: 'Restore…',
                    on: { click: () => confirmRestore(b.path, b.name, b.modified) },
                  }),
                ),
              ),
            ),
          ),
        );

  replaceChildren(
    panel,
    el('p', {
      class: 'lead',
      text: 'Your whole book — contacts, timelines, photos, settings — is one file, so a backup is one file too. Keep a copy on a USB stick or in your cloud folder now and then.',
    }),
    el(
      'section',
      { class: 'card exchange-form' },
      el(
        'div',
        { class: 'actions' },
        now,
        copy,
        el('button', { type: 'button', class: 'btn', testid: 'restore-choose', text: 'Restore from a file…', on: { click: () => fileInput.click() } }),
        fileInput,
      ),
      result,
    ),
    el('section', { class: 'card' }, el('h2', { class: 'card-title', text: 'Backups on this computer' }), list),
    retentionCard(retention),
  );
}

function retentionCard(retention: Retention): HTMLElement {
  const daily = el('input', { class: 'input narrow', type: 'number', min: '1', max: '365', value: String(retention.daily), testid: 'retention-daily' });
  const weekly = el('input', { class: 'input narrow', type: 'number', min: '0', max: '520', value: String(retention.weekly), testid: 'retention-weekly' });
  const problem = el('p', { class: 'field-error' });
  const save = el('button', { type: 'submit', class: 'btn', testid: 'retention-save', text: 'Save' });
  const form = el(
    'form',
    {
      class: 'retention',
      on: {
        submit: async (e: Event) => {
          e.preventDefault();
          problem.textContent = '';
          try {
            await ipc.setBackupRetention({ daily: Number(daily.value), weekly: Number(weekly.value) });
            toast('Backup retention saved.', { kind: 'success' });
          } catch (err) {
            const ae = ipc.toAppError(err);
            problem.textContent = ae.fields[0]?.message ?? ae.message;
          }
        },
      },
    },
    el('label', { class: 'field' }, el('span', { class: 'label', text: 'Daily backups kept' }), daily),
    el('label', { class: 'field' }, el('span', { class: 'label', text: 'Then one a week for (weeks)' }), weekly),
    save,
  );
  return el(
    'section',
    { class: 'card' },
    el('h2', { class: 'card-title', text: 'Automatic backups' }),
    el('p', { class: 'muted small', text: 'Rapport makes a checked backup on every day it is open, in the background. Older ones are removed by this rule.' }),
    form,
    problem,
  );
}

function confirmRestore(path: string, name: string, made?: string) {
  const dlg = openDialog({
    title: 'Restore this backup?',
    testid: 'restore-dialog',
    content: [
      el('p', null, 'Your book will be replaced by ', el('strong', { text: name }), made ? ` (made ${made}).` : '.'),
      el('p', { text: 'Before that, the book as it is now is kept as a backup (“before-restore”) in the list, so you can go back.' }),
      el('p', { class: 'muted small', text: 'The file is checked first; a damaged or foreign file is refused and nothing changes.' }),
    ],
  });
  const go = el('button', { type: 'button', class: 'btn btn-danger', testid: 'restore-confirm', text: 'Restore' });
  go.addEventListener('click', async () => {
    go.disabled = true;
    try {
      const info = await ipc.restoreBackup(path);
      sessionStorage.setItem(RESTORED_KEY, `Restored ${plural(info.contacts, 'contact')}. The book as it was is kept in ${info.previousSavedTo}.`);
      dlg.close();
      location.reload();
    } catch (e) {
      go.disabled = false;
      showError(e);
    }
  });
  dlg.footer.append(el('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => dlg.close() } }), go);
}
