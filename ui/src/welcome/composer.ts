// The welcome composer: the finished message with the picture as the customer will see it, then
// delivered as an .eml draft (opened in the mail program), sent, or printed as a card.
//
// Saving a draft or printing a card records "welcome sent" at once (the owner almost always goes
// on to send or hand it over), and says so plainly with an Undo beside it.
import type { CardFormat, PhotoChoice, PhotoInfo } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { renderPdf } from '../cards/preview';
import { CARD_FORMATS, type Delivered, deliveredHeadline, openedLine, undoneLine } from './outcome';

export async function openWelcomeComposer(contactId: number, onDone: () => void): Promise<void> {
  let photos: PhotoInfo[] = [];
  try {
    photos = await ipc.listPhotos();
  } catch (e) {
    showError(e);
    return;
  }
  let choice: PhotoChoice = { kind: 'default' };
  const dlg = openDialog({ title: 'Welcome', testid: 'welcome-composer', wide: true });
  const photoSelect = el(
    'select',
    { class: 'input', testid: 'welcome-photo' },
    el('option', { value: 'default', text: 'Default photo (Settings)' }),
    el('option', { value: 'none', text: 'No picture' }),
    ...photos.map((p) =>
      el('option', { value: String(p.id), text: `${p.kind === 'team' ? 'Team' : 'Portrait'} ${p.id}${p.caption ? ` — ${p.caption}` : ''}` }),
    ),
  );
  const board = el('input', { type: 'checkbox', testid: 'welcome-whiteboard' });
  const formatSelect = el(
    'select',
    { class: 'input', testid: 'welcome-card-format' },
    ...CARD_FORMATS.map((f) => el('option', { value: f.id, text: f.label })),
  );
  // Focusable so the keyboard can scroll a long message.
  const preview = el('div', {
    class: 'welcome-preview',
    testid: 'welcome-preview',
    attrs: { tabindex: '0', role: 'region', 'aria-label': 'The message as it will be sent' },
  });
  const save = el('button', { class: 'btn btn-primary', type: 'button', testid: 'welcome-save-draft', text: 'Save draft (.eml)' });
  const print = el('button', { class: 'btn', type: 'button', testid: 'welcome-print-card', text: 'Print card (PDF)' });
  const send = el('button', { class: 'btn', type: 'button', testid: 'welcome-send', text: 'Send' });
  // Whether the message could be made (a card needs no email address, the others do).
  let ready = { message: false, card: false };
  const enable = (on: boolean) => {
    save.disabled = !on || !ready.message;
    send.disabled = !on || !ready.message;
    print.disabled = !on || !ready.card;
  };

  // The view shown once the welcome is saved or printed.
  const doneView = el('div', { class: 'welcome-done', testid: 'welcome-done', hidden: true });
  const composeView = el(
    'div',
    null,
    el(
      'div',
      { class: 'welcome-options' },
      el('label', { class: 'field' }, el('span', { class: 'label', text: 'Picture' }), photoSelect),
      el('label', { class: 'check' }, board, ' Write their name on it (whiteboard)'),
      el('label', { class: 'field' }, el('span', { class: 'label', text: 'Card size' }), formatSelect),
    ),
    preview,
  );
  const composeButtons = el(
    'div',
    { class: 'dialog-actions' },
    el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }),
    send,
    print,
    save,
  );
  const doneButtons = el('div', { class: 'dialog-actions', hidden: true });

  const readChoice = (): PhotoChoice => {
    const v = photoSelect.value;
    if (v === 'default') return { kind: 'default' };
    if (v === 'none') return { kind: 'none' };
    return { kind: 'photo', id: Number(v), whiteboard: board.checked };
  };
  const refresh = async () => {
    choice = readChoice();
    board.disabled = choice.kind !== 'photo';
    replaceChildren(preview, el('p', { class: 'muted', text: 'Preparing the message…' }));
    try {
      const p = await ipc.welcomePreview(contactId, choice);
      replaceChildren(
        preview,
        el('p', { class: 'welcome-to' }, el('strong', { text: 'To: ' }), p.to),
        el('p', { class: 'welcome-subject', testid: 'welcome-subject' }, el('strong', { text: 'Subject: ' }), p.subject),
        // Why no picture goes with it, and which of the template's words about one were left out.
        p.photoNote ? el('p', { class: 'muted', testid: 'welcome-photo-note', text: p.photoNote }) : null,
        el(
          'div',
          { class: 'welcome-body' },
          ...p.text
            .split('\n\n')
            .map((para, i) => [
              el('p', { text: para }),
              i === 0 && p.photoDataUrl
                ? el('img', { class: 'welcome-photo', src: p.photoDataUrl, alt: 'The picture sent with the welcome', testid: 'welcome-image' })
                : null,
            ]),
        ),
      );
      ready = { message: true, card: true };
    } catch (e) {
      const err = ipc.toAppError(e);
      // A card needs no email address: printing stays possible when only that is missing.
      const cardOnly = err.code === 'noEmail';
      if (!cardOnly) showError(err);
      replaceChildren(
        preview,
        el('p', { class: 'error-text', testid: 'welcome-problem', text: err.message }),
        cardOnly && el('p', { class: 'muted', text: 'You can still welcome them with a printed card.' }),
      );
      ready = { message: false, card: cardOnly };
    }
    enable(true);
  };

  const showCompose = () => {
    doneView.hidden = true;
    doneButtons.hidden = true;
    composeView.hidden = false;
    composeButtons.hidden = false;
    dlg.setTitle('Welcome');
  };

  const showDelivered = async (d: Delivered, touchpointId: number) => {
    bookChanged();
    onDone();
    composeView.hidden = true;
    composeButtons.hidden = true;
    dlg.setTitle(d.kind === 'draft' ? 'Welcome draft saved' : 'Welcome card printed');
    const opening = el('p', { class: 'muted', testid: 'welcome-open-status', text: 'Opening…' });
    const pages = el('div', { class: 'welcome-card-preview', testid: 'welcome-card-preview' });
    replaceChildren(
      doneView,
      el('p', { class: 'welcome-done-headline', testid: 'welcome-done-headline' }, el('strong', { text: deliveredHeadline(d) })),
      opening,
      el('p', { class: 'welcome-path' }, 'File: ', el('code', { testid: 'welcome-saved-path', text: d.path })),
      d.kind === 'card' ? pages : null,
    );
    const undo = el('button', { class: 'btn', type: 'button', testid: 'welcome-undo', text: 'Undo: not welcomed yet' });
    const reopen = el('button', {
      class: 'btn',
      type: 'button',
      testid: 'welcome-open',
      text: d.kind === 'draft' ? 'Open in mail program' : 'Open in PDF viewer',
    });
    const done = el('button', { class: 'btn btn-primary', type: 'button', testid: 'welcome-done-close', text: 'Done', on: { click: () => dlg.close() } });
    replaceChildren(doneButtons, undo, reopen, done);
    doneView.hidden = false;
    doneButtons.hidden = false;
    done.focus();

    const open = async () => {
      opening.className = 'muted';
      opening.textContent = 'Opening…';
      try {
        await ipc.openWelcomeFile(d.path);
        opening.textContent = openedLine(d, null);
      } catch (e) {
        const err = ipc.toAppError(e);
        opening.className = 'error-text';
        opening.textContent = openedLine(d, err.message);
      }
    };
    reopen.addEventListener('click', () => void open());
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      try {
        await ipc.deleteTouchpoint(touchpointId);
        toast(undoneLine(d), { kind: 'info' });
        bookChanged();
        onDone();
        showCompose();
      } catch (e) {
        undo.disabled = false;
        showError(e);
      }
    });
    const shown =
      d.kind === 'card'
        ? ipc
            .readCardsPdf(d.path)
            .then((bytes) => renderPdf(pages, bytes, 1))
            .then(() => {
              pages.dataset.rendered = 'yes';
            })
            .catch(() => {
              replaceChildren(pages, el('p', { class: 'muted', text: 'The preview could not be shown; the PDF is saved.' }));
            })
        : Promise.resolve();
    await Promise.all([open(), shown]);
  };

  photoSelect.addEventListener('change', () => void refresh());
  board.addEventListener('change', () => void refresh());
  save.addEventListener('click', async () => {
    enable(false);
    try {
      const saved = await ipc.saveWelcomeDraft(contactId, choice);
      enable(true);
      await showDelivered({ kind: 'draft', path: saved.path }, saved.touchpointId);
    } catch (e) {
      enable(true);
      showError(e);
    }
  });
  print.addEventListener('click', async () => {
    enable(false);
    print.textContent = 'Printing…';
    try {
      const printed = await ipc.printWelcomeCard(contactId, choice, formatSelect.value as CardFormat);
      await showDelivered({ kind: 'card', path: printed.path }, printed.touchpointId);
    } catch (e) {
      showError(e);
    } finally {
      print.textContent = 'Print card (PDF)';
      enable(true);
    }
  });
  send.addEventListener('click', async () => {
    enable(false);
    send.textContent = 'Sending…';
    try {
      const report = await ipc.sendWelcome([contactId], choice);
      const result = report.results[0];
      if (report.sent === 1) {
        toast('Welcome sent.', { kind: 'success' });
        bookChanged();
        dlg.close();
        onDone();
      } else {
        toast(`Not sent: ${result?.error ?? 'unknown reason'}`, { kind: 'error' });
      }
    } catch (e) {
      showError(e);
    } finally {
      send.textContent = 'Send';
      enable(true);
    }
  });
  dlg.body.append(composeView, doneView);
  dlg.footer.append(composeButtons, doneButtons);
  await refresh();
}
