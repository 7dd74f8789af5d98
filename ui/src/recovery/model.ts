// What the recovery screen says, decided from the Recovery the Rust side sends.
import type { Recovery, RecoveryCandidate } from '../api/bindings';

export interface RecoveryText {
  title: string;
  /** What is wrong, in plain words. */
  lead: string;
  /** What the owner can do. */
  advice: string;
}

export function recoveryText(r: Recovery): RecoveryText {
  switch (r.code) {
    case 'corrupt':
      return {
        title: 'Your contact book is damaged',
        lead: 'Rapport found damage in the file that holds your contacts, so it has not opened it and has not written anything to it.',
        advice:
          goodBackups(r).length > 0
            ? 'Restore the newest good backup below. The damaged file is kept beside it under a new name, never deleted.'
            : 'No good backup was found on this computer. If you keep a copy elsewhere (a USB stick, a cloud folder), choose it with “Use a backup file…”. ' +
              'Or open another folder below: one that holds a Rapport book, or an empty one to start a new book. The damaged file stays where it is, untouched.',
      };
    case 'locked':
      return {
        title: 'Your contact book is in use',
        lead: 'Another program (or another Rapport window) holds the file locked.',
        advice: 'Close that program or window, then close and open Rapport again. Or open another folder below.',
      };
    case 'busy':
      return {
        title: 'Your contact book is busy',
        lead: 'Another Rapport window is in the middle of a long change to it (an import, sample customers or a restore).',
        advice: 'Wait a moment for it to finish, then close and open Rapport again. Nothing was changed.',
      };
    case 'tooNew':
      return {
        title: 'Your contact book needs a newer Rapport',
        lead: 'The file was saved by a newer version of Rapport than this one.',
        advice: 'Update Rapport to the newest version to open it. This version has not changed the file. Or open another folder below.',
      };
    case 'noPassword':
      return {
        title: 'Sign in to your team’s shared book',
        lead: 'This computer works on your team’s shared book on a server, and Rapport needs your password to open it (none is remembered here, or the one it had is no longer right).',
        advice: 'Type your password below. Tick “Remember” to keep it in this computer’s keyring for the next start.',
      };
    case 'readOnly':
      return {
        title: 'Rapport cannot write to its folder',
        lead: 'The folder or the file is read-only.',
        advice: 'Make the folder writable and open Rapport again, or open another folder below.',
      };
    default:
      return {
        title: 'Your contact book could not be opened',
        lead: 'Rapport could not open the file that holds your contacts.',
        advice: 'Close and open Rapport again; if it keeps happening, restore a backup from the command line.',
      };
  }
}

export function goodBackups(r: Recovery): RecoveryCandidate[] {
  return r.backups.filter((b) => b.problem === null);
}

/** The backup to offer first: the newest one that passed its check (the list is newest first). */
export function preselected(r: Recovery): RecoveryCandidate | null {
  return goodBackups(r)[0] ?? null;
}
