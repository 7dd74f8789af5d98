// Settings › the SMTP password: kept in the system keyring (never in the book), set here instead
// of on the command line. Says whether one is stored for the SMTP user, and why not when the
// machine has no keyring.
import type { SmtpPasswordState } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el } from '../shared/dom';
import { showError, toast } from '../shared/toast';

export function smtpPasswordSection(): HTMLElement {
  const password = el('input', {
    class: 'input',
    type: 'password',
    testid: 'smtp-password',
    attrs: { autocomplete: 'new-password', 'aria-label': 'SMTP password' },
  });
  const store = el('button', { class: 'btn', type: 'submit', testid: 'smtp-password-store', text: 'Keep in the keyring' });
  const status = el('p', { class: 'hint', testid: 'smtp-password-state' });
  const problem = el('p', { class: 'field-error', testid: 'smtp-password-error' });
  const show = (state: SmtpPasswordState) => {
    status.textContent = !state.user
      ? 'Set the SMTP user first; the password belongs to it.'
      : state.stored
        ? `A password for ${state.user} is kept in the system keyring.`
        : `No password is kept for ${state.user} yet.`;
    problem.textContent = state.problem ?? '';
  };
  const refresh = () => ipc.smtpPasswordState().then(show, (e) => (problem.textContent = ipc.toAppError(e).message));
  void refresh();
  const form = el(
    'form',
    {
      class: 'card settings-form',
      testid: 'smtp-password-form',
      on: {
        submit: async (e: Event) => {
          e.preventDefault();
          problem.textContent = '';
          store.disabled = true;
          try {
            show(await ipc.setSmtpPassword(password.value));
            password.value = '';
            toast('The SMTP password is kept in the system keyring.', { kind: 'success' });
          } catch (err) {
            const ae = showError(err);
            problem.textContent = ae.fields[0]?.message ?? ae.message;
          } finally {
            store.disabled = false;
          }
        },
      },
    },
    el('label', { class: 'field' }, el('span', { class: 'label', text: 'SMTP password' }), el('span', { class: 'password-row' }, password, store)),
    status,
    problem,
  );
  // The user it belongs to may have just changed.
  form.addEventListener('focusin', () => void refresh());
  return form;
}
