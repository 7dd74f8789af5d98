// The gesture composer: pick a kind (thank-you, apology, check-in…), adjust the words prefilled
// from its template, see the message as the customer will, then deliver it: an .eml draft, sent
// by email, a printed card, or done in person / by phone (only recorded). Each is recorded on the
// timeline as "<Label> sent", with Undo in the toast.
import type { CardFormat, Delivery, GestureKindInfo, GestureRequest } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { toastWithUndo } from '../shared/undoEntry';
import { CARD_FORMATS } from '../welcome/outcome';
import { houseAnswersPanel, insertInto } from '../team/houseAnswers';
import { composerKinds, PHOTO_CHOICES } from './model';

export type GestureStart = { kind?: string; about?: number | null; referredName?: string };

export async function openGestureComposer(contactId: number, start: GestureStart, onDone: () => void): Promise<void> {
  let kinds: GestureKindInfo[] = [];
  let staff: string[] = [];
  try {
    [kinds, staff] = await Promise.all([ipc.gestureKinds().then(composerKinds), ipc.staffNames().catch(() => [])]);
  } catch (e) {
    showError(e);
    return;
  }
  if (kinds.length === 0) return;
  const first = kinds.find((k) => k.kind === start.kind) ?? kinds[0];
  const dlg = openDialog({ title: `Send a ${first.label.toLowerCase()}`, testid: 'gesture-composer', wide: true });

  const ids = {
    kind: uid('g-kind'),
    subject: uid('g-subject'),
    text: uid('g-text'),
    by: uid('g-by'),
    friend: uid('g-friend'),
    photo: uid('g-photo'),
    format: uid('g-format'),
    staff: uid('g-staff'),
  };
  const kindSelect = el(
    'select',
    { id: ids.kind, class: 'input', testid: 'gesture-kind' },
    ...kinds.map((k) => el('option', { value: k.kind, text: k.label })),
  );
  kindSelect.value = first.kind;
  const subject = el('input', { id: ids.subject, class: 'input', type: 'text', testid: 'gesture-subject' });
  const text = el('textarea', { id: ids.text, class: 'input', rows: 7, testid: 'gesture-text' });
  const by = el('input', {
    id: ids.by,
    class: 'input',
    type: 'text',
    testid: 'gesture-by',
    attrs: { list: ids.staff, autocomplete: 'off', placeholder: 'who handled it' },
  });
  const staffList = el('datalist', { id: ids.staff }, ...staff.map((n) => el('option', { value: n })));
  const friend = el('input', { id: ids.friend, class: 'input', type: 'text', testid: 'gesture-friend', value: start.referredName ?? '' });
  const friendField = el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: ids.friend, text: 'The friend they sent us' }), friend);
  const photoSelect = el(
    'select',
    { id: ids.photo, class: 'input', testid: 'gesture-photo' },
    ...PHOTO_CHOICES.map((p) => el('option', { value: p.value, text: p.label })),
  );
  const formatSelect = el(
    'select',
    { id: ids.format, class: 'input', testid: 'gesture-card-format' },
    ...CARD_FORMATS.map((f) => el('option', { value: f.id, text: f.label })),
  );
  const fieldsHint = el('p', { class: 'muted small', testid: 'gesture-fields' });
  const preview = el('div', {
    class: 'welcome-preview',
    testid: 'gesture-preview',
    attrs: { tabindex: '0', role: 'region', 'aria-label': 'The message as the customer will see it', 'aria-live': 'polite' },
  });

  const inPerson = el('button', { class: 'btn btn-primary', type: 'button', testid: 'gesture-in-person', text: 'Done in person / by phone' });
  const draft = el('button', { class: 'btn', type: 'button', testid: 'gesture-draft', text: 'Save draft (.eml)' });
  const send = el('button', { class: 'btn', type: 'button', testid: 'gesture-send', text: 'Send by email' });
  const print = el('button', { class: 'btn', type: 'button', testid: 'gesture-print', text: 'Print card (PDF)' });
  // What the preview allows: mail needs an email address, a card or in person do not.
  let ready = { mail: false, any: false };
  const enable = (on: boolean) => {
    draft.disabled = !on || !ready.mail;
    send.disabled = !on || !ready.mail;
    print.disabled = !on || !ready.any;
    inPerson.disabled = !on || !ready.any;
  };

  // Before an apology, what we gave them and what went wrong: the tone and the remedy follow.
  const goodwillLine = el('p', { class: 'goodwill-line', testid: 'gesture-goodwill', hidden: true });
  ipc.goodwill(contactId).then(
    (g) => {
      goodwillLine.textContent = g.summary;
      goodwillLine.hidden = kindSelect.value !== 'apology';
    },
    () => {},
  );
  const kindNow = () => kinds.find((k) => k.kind === kindSelect.value) ?? first;
  const fillTemplate = () => {
    const k = kindNow();
    subject.value = k.subject;
    text.value = k.body;
    friendField.hidden = !k.fields.includes('referred_name');
    fieldsHint.textContent = `Merge fields: ${k.fields.map((f) => `{${f}}`).join(' ')}`;
    dlg.setTitle(`Send a ${k.label.toLowerCase()}`);
    goodwillLine.hidden = k.kind !== 'apology' || !goodwillLine.textContent;
  };

  const request = (): GestureRequest => ({
    kind: kindSelect.value,
    contactId,
    // The entry it answers only while the kind is the one it was opened for.
    about: kindSelect.value === first.kind ? (start.about ?? null) : null,
    photo: PHOTO_CHOICES.find((p) => p.value === photoSelect.value)?.photo ?? { kind: 'default' },
    staffName: by.value.trim() || null,
    referredName: friendField.hidden ? null : friend.value.trim() || null,
    subject: subject.value,
    text: text.value,
  });

  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    try {
      const p = await ipc.gesturePreview(request());
      if (mine !== asked) return;
      replaceChildren(
        preview,
        el('p', { class: 'welcome-to' }, el('strong', { text: 'To: ' }), p.to ?? 'no email address (a card or in person still work)'),
        el('p', { class: 'welcome-subject', testid: 'gesture-preview-subject' }, el('strong', { text: 'Subject: ' }), p.subject),
        p.photoNote ? el('p', { class: 'muted', testid: 'gesture-photo-note', text: p.photoNote }) : null,
        el(
          'div',
          { class: 'welcome-body' },
          ...p.text
            .split('\n\n')
            .map((para, i) => [
              el('p', { text: para }),
              i === 0 && p.photoDataUrl ? el('img', { class: 'welcome-photo', src: p.photoDataUrl, alt: 'The picture sent with it' }) : null,
            ]),
        ),
      );
      ready = { mail: p.to !== null, any: true };
    } catch (e) {
      if (mine !== asked) return;
      const err = ipc.toAppError(e);
      replaceChildren(preview, el('p', { class: 'error-text', testid: 'gesture-problem', attrs: { role: 'alert' }, text: err.message }));
      ready = { mail: false, any: false };
    }
    enable(true);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  };

  const deliver = async (delivery: Delivery, button: HTMLButtonElement) => {
    enable(false);
    const label = button.textContent;
    button.textContent = 'Working…';
    try {
      const done = await ipc.giveGesture(request(), delivery);
      const note = done.touchpoint.note.split(':')[0];
      dlg.close();
      bookChanged();
      onDone();
      toastWithUndo(done.path ? `${note}. File: ${done.path}` : `${note}.`, done.touchpoint.id, onDone);
      if (done.path) void ipc.openWelcomeFile(done.path).catch(() => {});
    } catch (e) {
      showError(e);
      enable(true);
    } finally {
      button.textContent = label;
    }
  };

  kindSelect.addEventListener('change', () => {
    fillTemplate();
    void refresh();
  });
  for (const input of [subject, text, by, friend]) input.addEventListener('input', soon);
  photoSelect.addEventListener('change', () => void refresh());
  inPerson.addEventListener('click', () => void deliver({ kind: 'inPerson' }, inPerson));
  draft.addEventListener('click', () => void deliver({ kind: 'eml', path: null }, draft));
  send.addEventListener('click', () => void deliver({ kind: 'smtp' }, send));
  print.addEventListener('click', () => void deliver({ kind: 'card', format: formatSelect.value as CardFormat, path: null }, print));

  const field = (id: string, label: string, input: HTMLElement, ...extra: HTMLElement[]) =>
    el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: id, text: label }), input, ...extra);
  dlg.body.append(
    el(
      'div',
      { class: 'gesture-composer' },
      el(
        'div',
        { class: 'gesture-words' },
        field(ids.kind, 'Kind', kindSelect),
        goodwillLine,
        field(ids.subject, 'Subject', subject),
        field(ids.text, 'Text', text),
        houseAnswersPanel({
          testid: 'composer-house-answers',
          onUse: (a) => {
            insertInto(text, a.answer);
            soon();
          },
        }),
        fieldsHint,
        el(
          'div',
          { class: 'welcome-options' },
          field(ids.by, 'Handled by', by, staffList),
          friendField,
          field(ids.photo, 'Picture', photoSelect),
          field(ids.format, 'Card size', formatSelect),
        ),
      ),
      el('div', { class: 'gesture-preview-col' }, el('h3', { class: 'label', text: 'As the customer will see it' }), preview),
    ),
  );
  dlg.footer.append(
    el(
      'div',
      { class: 'dialog-actions' },
      el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }),
      send,
      print,
      draft,
      inPerson,
    ),
  );
  fillTemplate();
  enable(false);
  kindSelect.focus();
  await refresh();
}
