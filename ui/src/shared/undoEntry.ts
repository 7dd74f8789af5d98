// The toast after something landed on a contact's timeline (a call, a gesture, a loop step, a
// gift, a reply, a follow-up done): Undo removes exactly that entry, then the screen reads again.
import * as ipc from '../api/ipc';
import { bookChanged } from './events';
import { showError, toast } from './toast';

export function toastWithUndo(message: string, entryId: number, after: () => unknown): void {
  toast(message, {
    kind: 'success',
    action: {
      label: 'Undo',
      run: async () => {
        try {
          await ipc.deleteTouchpoint(entryId);
          bookChanged();
          await after();
        } catch (e) {
          showError(e);
        }
      },
    },
  });
}
