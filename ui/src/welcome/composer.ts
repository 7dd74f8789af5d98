// The welcome composer: the finished message with the picture as the customer will see it.
import type { PhotoChoice, PhotoInfo } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';

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
  const photoSelect = el('select', { class: 'input', testid: 'welcome-photo' },
    el('option', { value: 'default', text: 'Default photo (Settings)' }),
    el('option', { value: 'none', text: 'No picture' }),
    ...photos.map((p) => el('option', { value: String(p.id), text: `${p.kind === 'team' ? 'Team' : 'Portrait'} ${p.id}${p.caption ? ` — ${p.caption}` : ''}` })));
  const board = el('input', { type: 'checkbox', testid: 'welcome-whiteboard' });
  const preview = el('div', { class: 'welcome-preview', testid: 'welcome-preview' });
  const save = el('button', { class: 'btn btn-primary', type: 'button', testid: 'welcome-save-draft', text: 'Save draft (.eml)' });
  const send = el('button', { class: 'btn', type: 'button', testid: 'welcome-send', text: 'Send' });

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
      replaceChildren(preview,
        el('p', { class: 'welcome-to' }, el('strong', { text: 'To: ' }), p.to),
        el('p', { class: 'welcome-subject', testid: 'welcome-subject' }, el('strong', { text: 'Subject: ' }), p.subject),
        el('div', { class: 'welcome-body' }, ...p.text.split('\n\n').map((para, i) => [
          el('p', { text: para }),
          i === 0 && p.photoDataUrl ? el('img', { class: 'welcome-photo', src: p.photoDataUrl, alt: 'The picture sent with the welcome', testid: 'welcome-image' }) : null,
        ])));
      save.disabled = false;
      send.disabled = false;
    } catch (e) {
      const err = showError(e);
      replaceChildren(preview, el('p', { class: 'error-text', text: err.message }));
      save.disabled = true;
      send.disabled = true;
    }
  };
  photoSelect.addEventListener('change', () => void refresh());
  board.addEventListener('change', () => void refresh());
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const saved = await ipc.saveWelcomeDraft(contactId, choice);
      toast(`Welcome draft saved to ${saved.path}. Open it with your mail program to send it.`, { kind: 'success' });
      bookChanged();
      dlg.close();
      onDone();
    } catch (e) {
      save.disabled = false;
      showError(e);
    }
  });
  send.addEventListener('click', async () => {
    send.disabled = true;
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
        send.disabled = false;
        send.textContent = 'Send';
      }
    } catch (e) {
      send.disabled = false;
      send.textContent = 'Send';
      showError(e);
    }
  });
  dlg.body.append(
    el('div', { class: 'welcome-options' },
      el('label', { class: 'field' }, el('span', { class: 'label', text: 'Picture' }), photoSelect),
      el('label', { class: 'check' }, board, ' Write their name on it (whiteboard)')),
    preview);
  dlg.footer.append(el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }), send, save);
  await refresh();
}
