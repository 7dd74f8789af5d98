// One contact: details, timeline, and "log a touchpoint" in two clicks.
import type { Contact, ContactDetail, Touchpoint, TouchpointKind } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, icon, replaceChildren, uid, type Child, type IconName } from '../shared/dom';
import { spanOfDays, cadence, daysBetween, formatBirthday, formatDate, relativeMoment, relativePast, todayIso } from '../shared/dates';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { href } from '../shared/router';
import { openContactForm } from './editForm';
import { undeliverableBox } from '../cards/undeliverable';
import { openMergeDialog } from '../exchange/merge';
import { contactPhoto } from './photo';
import { openGestureComposer } from '../gestures/composer';
import { takeLoopStep } from '../gestures/loop';
import { gestureSentLabel, loopState } from '../gestures/model';
import { followUpsCard } from '../followups/followUps';
import { confirmDelete } from './deleteContact';
import { referralLines } from './referral';
import { openReplyDialog, openTestimonialDialog } from '../testimonials/reply';
import { testimonialChip } from '../testimonials/model';
import { goodwillBox } from '../gestures/goodwill';
import { openGiftDialog } from '../gestures/gift';
import { houseAnswersPanel, insertInto } from '../team/houseAnswers';

export const KINDS: { kind: TouchpointKind; label: string; icon: IconName }[] = [
  { kind: 'call', label: 'Call', icon: 'call' },
  { kind: 'email', label: 'Email', icon: 'email' },
  { kind: 'meeting', label: 'Meeting', icon: 'meeting' },
  { kind: 'purchase', label: 'Purchase', icon: 'purchase' },
  { kind: 'compliment', label: 'Compliment', icon: 'compliment' },
  { kind: 'complaint', label: 'Complaint', icon: 'complaint' },
  { kind: 'note', label: 'Note', icon: 'note' },
  { kind: 'question', label: 'Question', icon: 'question' },
];

/** Kinds the app records itself (not offered as buttons), shown on the timeline. */
const RECORDED_KINDS: { kind: TouchpointKind; label: string; icon: IconName }[] = [
  { kind: 'welcomeSent', label: 'Welcome sent', icon: 'email' },
  { kind: 'cardSent', label: 'Card sent', icon: 'compliment' },
  { kind: 'gestureSent', label: 'Gesture sent', icon: 'email' },
  { kind: 'complaintStep', label: 'Complaint follow-up', icon: 'complaint' },
  { kind: 'gift', label: 'Gift', icon: 'compliment' },
];

export function kindInfo(kind: TouchpointKind) {
  return KINDS.find((k) => k.kind === kind) ?? RECORDED_KINDS.find((k) => k.kind === kind) ?? KINDS[KINDS.length - 1];
}

let staffCache: string[] | null = null;

/**
 * Draws contact `id`'s page in `root`. `reload` reads it again in place, without "Loading…" (when
 * the book changed elsewhere); `stillShown` says whether the page is still the one on screen.
 */
export function renderContactPage(
  root: HTMLElement,
  id: number,
  opts: { logKind?: TouchpointKind } = {},
): { reload: (stillShown: () => boolean) => Promise<void> } {
  replaceChildren(root, el('div', { class: 'page loading', text: 'Loading…' }));
  void load(root, id, opts.logKind, () => true);
  return { reload: (stillShown) => load(root, id, undefined, stillShown, true) };
}

/** The contact each root shows, as data: a re-read that finds the same leaves the page alone. */
const drawnDetail = new WeakMap<HTMLElement, string>();

function load(root: HTMLElement, id: number, logKind: TouchpointKind | undefined, stillShown: () => boolean, onlyIfChanged = false): Promise<void> {
  return ipc
    .getContact(id)
    .then((detail) => {
      if (!stillShown()) return;
      if (onlyIfChanged && drawnDetail.get(root) === JSON.stringify(detail)) return;
      draw(root, detail, logKind);
    })
    .catch((e) => {
      if (!stillShown()) return;
      const err = ipc.toAppError(e);
      replaceChildren(
        root,
        el(
          'section',
          { class: 'page' },
          el(
            'div',
            { class: 'empty-state' },
            el('h2', { text: err.code === 'notFound' ? 'This contact is no longer here' : 'Could not open this contact' }),
            el('p', { text: err.message }),
            el('a', { class: 'btn', href: href({ name: 'contacts' }), text: 'Back to contacts' }),
          ),
        ),
      );
    });
}

function draw(root: HTMLElement, detail: ContactDetail, openKind?: TouchpointKind): void {
  drawnDetail.set(root, JSON.stringify(detail));
  const c = detail.contact;
  const today = todayIso();
  const timelineList = el('ol', { class: 'timeline', testid: 'timeline' });
  const logArea = el('div', { class: 'log-area' });

  const reload = async () => {
    try {
      const fresh = await ipc.getContact(c.id);
      draw(root, fresh);
    } catch (e) {
      showError(e);
    }
  };

  // --- header ---
  const lastPromise = detail.promises[0];
  const subtitle = [c.jobTitle, c.company].filter(Boolean).join(' · ');
  const header = el(
    'header',
    { class: 'contact-header' },
    el('a', { class: 'back-link', href: href({ name: 'contacts' }) }, icon('back', 14), 'Contacts'),
    el(
      'div',
      { class: 'contact-title-row' },
      contactPhoto(c.id, initials(c), c.displayName || '(no name)'),
      el(
        'div',
        { class: 'contact-title' },
        el('h1', { class: 'page-title', testid: 'contact-name', text: c.displayName || '(no name)' }),
        subtitle && el('p', { class: 'contact-subtitle', testid: 'contact-subtitle', text: subtitle }),
        // On the team's book: who changed this customer last, so a desk knows what it is reading.
        detail.lastChange &&
          el('p', {
            class: 'contact-changed',
            testid: 'contact-changed',
            text: `Changed by ${detail.lastChange.by}, ${relativeMoment(detail.lastChange.at)}`,
            attrs: { title: detail.lastChange.at },
          }),
        // The last promise made to them, so whoever serves them next keeps it.
        lastPromise &&
          el(
            'p',
            { class: 'last-promise', testid: 'last-promise' },
            'Last promise: ',
            el('strong', { text: `“${lastPromise.promise}”` }),
            ` — ${formatDate(lastPromise.madeOn)}${lastPromise.madeBy ? `, ${lastPromise.madeBy}` : ''}`,
          ),
        el(
          'div',
          { class: 'chips' },
          c.archived && el('span', { class: 'chip chip-warn', text: 'Archived' }),
          ...c.tags.map((t) => el('span', { class: 'chip', text: t, testid: 'contact-tag' })),
        ),
      ),
      el(
        'div',
        { class: 'contact-actions' },
        el(
          'button',
          { class: 'btn btn-primary', type: 'button', testid: 'contact-send', on: { click: () => void openGestureComposer(c.id, {}, () => void reload()) } },
          icon('email', 15),
          'Send…',
        ),
        el('button', { class: 'btn', type: 'button', testid: 'contact-edit', on: { click: () => void edit() } }, icon('edit', 15), 'Edit'),
        el('button', { class: 'btn', type: 'button', testid: 'contact-merge', on: { click: () => void merge() } }, icon('merge', 15), 'Merge with…'),
        el(
          'button',
          { class: 'btn', type: 'button', testid: 'contact-archive', on: { click: () => void archive() } },
          icon('archive', 15),
          c.archived ? 'Restore' : 'Archive',
        ),
        el(
          'button',
          { class: 'btn btn-danger-ghost', type: 'button', testid: 'contact-delete', on: { click: () => confirmDelete(c) } },
          icon('trash', 15),
          'Delete',
        ),
      ),
    ),
  );

  async function merge() {
    if (await openMergeDialog(c)) {
      bookChanged();
      await reload();
    }
  }

  // --- details ---
  const dl = (rows: [string, Child][]) =>
    el(
      'dl',
      { class: 'details' },
      ...rows.filter(([, v]) => v !== '' && v !== null && v !== undefined && v !== false).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]),
    );
  const reach = dl([
    ...c.emails.map((e): [string, Child] => [e.label || 'email', el('a', { href: `mailto:${e.value}`, text: e.value })]),
    ...c.phones.map((p): [string, Child] => [p.label || 'phone', el('a', { href: `tel:${p.value}`, text: p.value })]),
    ...c.addresses.map((a): [string, Child] => [
      a.label || 'address',
      el(
        'span',
        { class: 'address' },
        ...[a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
          .filter(Boolean)
          .flatMap((line, i) => (i ? [el('br'), line] : [line])),
      ),
    ]),
  ]);
  const dates = dl([
    ['Birthday', formatBirthday(c.birthday)],
    ['Customer since', c.customerSince ? `${formatDate(c.customerSince)} (${relativePast(c.customerSince, today).replace(' ago', '')})` : ''],
    ['Keep in touch', c.keepInTouchDays ? cadence(c.keepInTouchDays) : ''],
    ['Last contacted', c.lastContacted ? `${formatDate(c.lastContacted)} (${relativePast(c.lastContacted, today)})` : 'Never'],
    ['Goes by', c.nickname],
  ]);
  const personal = dl([
    ['Family', multiline(c.family)],
    ['Interests', multiline(c.interests)],
    ['What we talked about', multiline(c.talkingPoints)],
    ['Notes', multiline(c.notes)],
  ]);
  const hasReach = c.emails.length + c.phones.length + c.addresses.length > 0;
  const hasPersonal = !!(c.family || c.interests || c.talkingPoints || c.notes);
  const side = el(
    'aside',
    { class: 'contact-side' },
    card(
      'Contact',
      hasReach ? reach : el('p', { class: 'muted', text: 'No email, phone or address yet.' }),
      c.addresses.length ? undeliverableBox(c.id) : null,
    ),
    card('Dates', dates),
    card('Referrals', referralLines(detail, reload)),
    card('Goodwill', goodwillBox(c.id)),
    card(
      'Personal',
      hasPersonal ? personal : el('p', { class: 'muted', text: 'Family, interests and what you talked about help the next conversation. Add them with Edit.' }),
    ),
  );

  // --- log a touchpoint ---
  const kindButtons = el(
    'div',
    { class: 'kind-buttons', attrs: { role: 'group', 'aria-label': 'Log a touchpoint' } },
    ...KINDS.map((k) =>
      el('button', { class: 'kind-btn', type: 'button', testid: `log-${k.kind}`, on: { click: () => openLog(k.kind) } }, icon(k.icon, 15), k.label),
    ),
    el(
      'button',
      { class: 'kind-btn', type: 'button', testid: 'log-gift', on: { click: () => openGiftDialog(c.id, c.displayName, () => void reload()) } },
      icon('purchase', 15),
      'Gift or voucher',
    ),
  );
  replaceChildren(logArea, kindButtons);

  function openLog(kind: TouchpointKind) {
    const info = kindInfo(kind);
    const noteId = uid('note');
    const dateId = uid('date');
    const byId = uid('by');
    const listId = uid('staff');
    const note = el('textarea', {
      id: noteId,
      class: 'input',
      rows: 2,
      testid: 'log-note',
      placeholder: `What happened? (Enter saves, Shift+Enter for a new line)`,
    });
    const date = el('input', { id: dateId, class: 'input', type: 'date', value: today, testid: 'log-date' });
    const by = el('input', { id: byId, class: 'input', type: 'text', testid: 'log-handled-by', attrs: { list: listId, autocomplete: 'off' } });
    const staffList = el('datalist', { id: listId });
    const fill = (names: string[]) => replaceChildren(staffList, ...names.map((n) => el('option', { value: n })));
    if (staffCache) fill(staffCache);
    void ipc
      .staffNames()
      .then((n) => {
        staffCache = n;
        fill(n);
      })
      .catch(() => {});
    const promiseId = uid('promise');
    const promise = el('input', {
      id: promiseId,
      class: 'input',
      type: 'text',
      testid: 'log-promise',
      placeholder: 'e.g. a new cake by Friday',
    });
    // A house answer goes into the note; one the shop makes as a promise, into the promise.
    const answers = houseAnswersPanel({
      testid: 'log-house-answers',
      onUse: (a) => insertInto(a.isPromise ? promise : note, a.answer),
    });
    const err = el('p', { class: 'field-error', hidden: true, testid: 'log-error' });
    const saveBtn = el('button', { class: 'btn btn-primary', type: 'submit', testid: 'log-save', text: `Save ${info.label.toLowerCase()}` });
    const close = () => replaceChildren(logArea, kindButtons);
    const form = el(
      'form',
      {
        class: 'log-form',
        testid: 'log-form',
        on: {
          submit: (e: Event) => {
            e.preventDefault();
            void submit();
          },
        },
      },
      el('div', { class: 'log-form-title' }, icon(info.icon, 16), `Log a ${info.label.toLowerCase()}`),
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: noteId, text: 'Note' }), note),
      el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: promiseId, text: 'Promise made (optional)' }), promise),
      answers,
      el(
        'div',
        { class: 'log-form-row' },
        el('div', { class: 'field' }, el('label', { class: 'label', htmlFor: dateId, text: 'Date' }), date),
        el('div', { class: 'field grow' }, el('label', { class: 'label', htmlFor: byId, text: 'Handled by' }), by, staffList),
        el(
          'div',
          { class: 'log-form-buttons' },
          el('button', { class: 'btn', type: 'button', text: 'Cancel', testid: 'log-cancel', on: { click: close } }),
          saveBtn,
        ),
      ),
      err,
    );
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
        kindButtons.querySelector<HTMLElement>(`[data-testid=log-${kind}]`)?.focus();
      } else if (e.key === 'Enter' && e.target === note && !e.shiftKey) {
        e.preventDefault();
        void submit();
      }
    });
    replaceChildren(logArea, form);
    note.focus();

    async function submit() {
      saveBtn.disabled = true;
      try {
        await ipc.logTouchpoint(c.id, { kind, happenedOn: date.value || today, note: note.value.trim(), handledBy: by.value.trim() }, promise.value);
        toast(`Logged a ${info.label.toLowerCase()} with ${c.displayName}`, { kind: 'success' });
        bookChanged();
        await reload();
      } catch (e) {
        const ae = ipc.toAppError(e);
        if (ae.code === 'invalid') {
          err.textContent = ae.fields.length ? ae.fields.map((f) => f.message).join(' ') : ae.message;
          err.hidden = false;
        } else showError(ae);
        saveBtn.disabled = false;
      }
    }
  }

  // --- timeline ---
  if (detail.timeline.length === 0) {
    timelineList.append(
      el('li', {
        class: 'timeline-empty',
        testid: 'timeline-empty',
        text: 'Nothing logged yet. Each call, purchase or kind word you record here makes the next conversation easier.',
      }),
    );
  }
  const sorted = [...detail.timeline].sort((a, b) => (a.happenedOn < b.happenedOn ? 1 : a.happenedOn > b.happenedOn ? -1 : b.id - a.id));
  for (const t of sorted) timelineList.append(timelineItem(t));

  function timelineItem(t: Touchpoint): HTMLElement {
    const info = kindInfo(t.kind);
    const isComplaint = t.kind === 'complaint';
    const label = (t.kind === 'gestureSent' && gestureSentLabel(t.note)) || info.label;
    // A purchase or a compliment offers a thank-you; a complaint its loop's next step.
    const thank =
      (t.kind === 'purchase' || t.kind === 'compliment') &&
      el('button', {
        class: 'btn btn-small',
        type: 'button',
        testid: 'touchpoint-thank',
        text: 'Thank',
        attrs: { 'aria-label': `Thank them for this ${info.label.toLowerCase()}` },
        on: { click: () => void openGestureComposer(c.id, { kind: 'thank-you', about: t.id }, () => void reload()) },
      });
    // Something we sent can be answered; a compliment can be kept as a testimonial.
    const sentSomething = t.kind === 'welcomeSent' || t.kind === 'cardSent' || t.kind === 'gestureSent';
    const replied =
      sentSomething &&
      el('button', {
        class: 'btn btn-small',
        type: 'button',
        testid: 'touchpoint-reply',
        text: 'They replied…',
        on: { click: () => openReplyDialog(t, label, () => void reload()) },
      });
    const mark = detail.testimonials.find((m) => m.touchpointId === t.id);
    const keep =
      t.kind === 'compliment' &&
      el('button', {
        class: 'btn btn-small',
        type: 'button',
        testid: 'touchpoint-testimonial',
        text: mark ? 'Testimonial…' : 'Keep as testimonial…',
        on: { click: () => openTestimonialDialog(t, mark, () => void reload()) },
      });
    const isReply = detail.replies.some((r) => r.touchpointId === t.id);
    const promised = detail.promises.find((p) => p.touchpointId === t.id);
    const loopBox = isComplaint ? el('div', { class: 'tp-loop', testid: 'complaint-loop' }) : null;
    if (loopBox) void showLoop(t, loopBox);
    return el(
      'li',
      { class: `tp tp-${t.kind}`, testid: 'touchpoint', attrs: { 'data-kind': t.kind, 'data-id': t.id } },
      el('span', { class: 'tp-icon', attrs: { 'aria-hidden': 'true' } }, icon(info.icon, 15)),
      el(
        'div',
        { class: 'tp-body' },
        el(
          'div',
          { class: 'tp-head' },
          el('span', { class: 'tp-kind', testid: 'touchpoint-kind', text: label }),
          el('span', { class: 'tp-date', text: `${formatDate(t.happenedOn)} · ${relativePast(t.happenedOn, today)}` }),
          t.handledBy && el('span', { class: 'tp-by', text: `by ${t.handledBy}` }),
          isReply && el('span', { class: 'chip', testid: 'touchpoint-is-reply', text: 'Their reply' }),
          mark &&
            el('span', {
              class: `chip${mark.terms.mayQuote === 'yes' ? ' chip-ok' : ''}`,
              testid: 'touchpoint-testimonial-chip',
              text: testimonialChip(mark.terms),
            }),
          isComplaint &&
            el('span', {
              class: `chip ${t.resolved ? 'chip-ok' : 'chip-warn'}`,
              testid: 'complaint-state',
              text: t.resolved ? 'Resolved' : `Open · ${spanOfDays(Math.max(0, daysBetween(t.happenedOn, today)))}`,
            }),
        ),
        t.note && el('p', { class: 'tp-note', testid: 'touchpoint-note', text: t.note }),
        promised && el('p', { class: 'timeline-promise', testid: 'touchpoint-promise', text: `Promised: ${promised.promise}` }),
        loopBox,
      ),
      el(
        'div',
        { class: 'tp-actions' },
        replied,
        keep,
        thank,
        isComplaint &&
          el('button', {
            class: 'btn btn-small',
            type: 'button',
            testid: 'complaint-toggle',
            text: t.resolved ? 'Reopen' : 'Mark resolved',
            on: {
              click: async () => {
                try {
                  await ipc.setComplaintResolved(t.id, !t.resolved);
                  bookChanged();
                  await reload();
                } catch (e) {
                  showError(e);
                }
              },
            },
          }),
        el(
          'button',
          {
            class: 'icon-btn',
            type: 'button',
            testid: 'touchpoint-delete',
            attrs: { 'aria-label': `Delete this ${info.label.toLowerCase()}`, title: 'Delete (logged by mistake)' },
            on: {
              click: async () => {
                if (!(await confirmSmall(`Delete this ${info.label.toLowerCase()}?`, 'Use this for something logged by mistake.', 'Delete'))) return;
                try {
                  await ipc.deleteTouchpoint(t.id);
                  bookChanged();
                  await reload();
                } catch (e) {
                  showError(e);
                }
              },
            },
          },
          icon('trash', 15),
        ),
      ),
    );
  }

  /** Where a complaint's loop stands, with its next step as one click. */
  async function showLoop(t: Touchpoint, box: HTMLElement) {
    let state: ReturnType<typeof loopState> | undefined;
    try {
      state = loopState(await ipc.complaintLoop(t.id));
    } catch {
      // The loop is extra; the complaint itself is shown either way.
    }
    if (!state) return;
    const current = state;
    const step = (): HTMLElement | null => {
      switch (current.next) {
        case 'apologise':
          return el('button', {
            class: 'btn btn-small',
            type: 'button',
            testid: 'loop-apologise',
            text: 'Apologise',
            on: { click: () => void openGestureComposer(c.id, { kind: 'apology', about: t.id }, () => void reload()) },
          });
        case 'putRight':
          return el('button', {
            class: 'btn btn-small',
            type: 'button',
            testid: 'loop-put-right',
            text: 'Put right…',
            on: { click: () => void takeLoopStep(t.id, 'putRight', () => void reload()) },
          });
        case 'checkBack':
          return el('button', {
            class: 'btn btn-small',
            type: 'button',
            testid: 'loop-check-back',
            text: 'Checked back…',
            on: { click: () => void takeLoopStep(t.id, 'checkBack', () => void reload()) },
          });
        default:
          return null;
      }
    };
    replaceChildren(box, el('span', { class: 'loop-stage', testid: 'loop-stage', text: current.text }), step());
  }

  const main = el(
    'div',
    { class: 'contact-main' },
    el('section', { class: 'card' }, el('h2', { class: 'card-title', text: 'Log a touchpoint' }), logArea),
    followUpsCard(c.id, c.displayName, detail.followUps, reload),
    el('section', { class: 'card' }, el('h2', { class: 'card-title', text: 'Timeline' }), timelineList),
  );

  replaceChildren(
    root,
    el('section', { class: 'page page-contact', testid: 'contact-page', attrs: { 'data-id': c.id } }, header, el('div', { class: 'contact-grid' }, main, side)),
  );

  if (openKind) openLog(openKind);

  async function edit() {
    const saved = await openContactForm(c, detail.version);
    if (saved !== null) await reload();
  }

  async function archive() {
    try {
      await ipc.setArchived([c.id], !c.archived);
      toast(c.archived ? `Restored ${c.displayName}` : `Archived ${c.displayName}`, { kind: 'success' });
      bookChanged();
      await reload();
    } catch (e) {
      showError(e);
    }
  }
}

function card(title: string, ...children: Child[]): HTMLElement {
  return el('section', { class: 'card card-side' }, el('h2', { class: 'card-title', text: title }), ...children);
}

function multiline(s: string): Child {
  if (!s.trim()) return '';
  return el('span', { class: 'multiline', text: s });
}

function initials(c: Contact): string {
  const parts = [c.givenName, c.familyName].filter((p) => p.trim());
  const src = parts.length ? parts : (c.displayName || '?').split(/\s+/);
  return (
    src
      .slice(0, 2)
      .map((p) => Array.from(p.trim())[0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

function confirmSmall(title: string, text: string, confirm: string): Promise<boolean> {
  return new Promise((resolve) => {
    let ok = false;
    const dlg = openDialog({ title, testid: 'confirm-dialog', content: [el('p', { text })], onClose: () => resolve(ok) });
    const yes = el('button', {
      class: 'btn btn-danger',
      type: 'button',
      text: confirm,
      testid: 'confirm-yes',
      on: {
        click: () => {
          ok = true;
          dlg.close();
        },
      },
    });
    dlg.footer.append(el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }), yes);
    yes.focus();
  });
}
