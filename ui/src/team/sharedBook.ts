// Settings → the team's shared book: which book this window works on, and for a book file the way
// to join the team's book on a server (the join code the owner got from `rapport server init`).
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid } from '../shared/dom';
import { signedIn } from '../shared/session';

/** Where the window says, after the reload that opens the shared book, that it joined. */
export const JOINED_NOTE = 'rapport.joined';

export function sharedBookSection(): HTMLElement {
  const who = signedIn();
  if (who) {
    return el(
      'section',
      { class: 'card settings-form', testid: 'shared-book' },
      el('h2', { class: 'card-title', text: 'Shared book' }),
      el('p', {
        testid: 'shared-book-state',
        text: `This window works on your team’s shared book on a server, signed in as ${who}. Every desk sees the same customers, and changes show at the others within a second or two.`,
      }),
    );
  }
  const ids = { code: uid('join-code'), login: uid('join-login'), password: uid('join-password') };
  const code = el('input', {
    id: ids.code,
    class: 'input',
    testid: 'join-code',
    attrs: { autocomplete: 'off', spellcheck: 'false', placeholder: 'The join code from the owner, or postgres://…' },
  });
  const login = el('input', { id: ids.login, class: 'input', testid: 'join-login', attrs: { autocomplete: 'username', spellcheck: 'false' } });
  const password = el('input', { id: ids.password, type: 'password', class: 'input', testid: 'join-password', attrs: { autocomplete: 'current-password' } });
  const remember = el('input', { type: 'checkbox', testid: 'join-remember' });
  const status = el('div', { class: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const join = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'join-shared', text: 'Join the shared book' });
  const form = el(
    'form',
    {
      class: 'stack',
      testid: 'join-form',
      on: {
        submit: async (e: Event) => {
          e.preventDefault();
          const missing = [!code.value.trim() && 'the join code', !login.value.trim() && 'your login', !password.value && 'your password'].filter(Boolean);
          if (missing.length > 0) {
            replaceChildren(status, el('p', { class: 'form-error', testid: 'join-error', text: `Give ${missing.join(', ')}.` }));
            return;
          }
          join.disabled = true;
          replaceChildren(status, el('p', { class: 'muted', text: 'Checking the server and signing in…' }));
          try {
            const info = await ipc.joinSharedBook(code.value, login.value, password.value, remember.checked);
            // Every screen starts over on the team's book.
            sessionStorage.setItem(JOINED_NOTE, info.signedIn ?? login.value.trim());
            location.hash = '#/today';
            location.reload();
          } catch (err) {
            join.disabled = false;
            replaceChildren(status, el('p', { class: 'form-error', testid: 'join-error', text: ipc.toAppError(err).message }));
          }
        },
      },
    },
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.code, text: 'Join code' }), code),
    el(
      'div',
      { class: 'grid-2' },
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.login, text: 'Your login' }), login),
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.password, text: 'Password' }), password),
    ),
    el('label', { class: 'check' }, remember, ' Remember the password on this computer'),
    el('div', { class: 'actions' }, join),
    status,
  );
  return el(
    'section',
    { class: 'card settings-form', testid: 'shared-book' },
    el('h2', { class: 'card-title', text: 'Shared book' }),
    el('p', {
      class: 'hint',
      text: 'Working as a team? Join your team’s shared book on a server, with the join code and the login the owner gave you. The book file on this computer stays in its folder, unused while you work on the shared book.',
    }),
    form,
  );
}
