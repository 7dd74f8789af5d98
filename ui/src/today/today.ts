// The home screen: what needs a human gesture today.
import type { ContactSummary, OpenLoopList, QuarterCount, TodayView } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, icon, replaceChildren, type Child } from '../shared/dom';
import { cadence, formatDate, formatLongDate, inDays, plural, relativePast, spanOfDays } from '../shared/dates';
import { showError, toast } from '../shared/toast';
import { bookChanged } from '../shared/events';
import { toastWithUndo } from '../shared/undoEntry';
import { href } from '../shared/router';
import { section } from '../shared/section';
import { signedIn } from '../shared/session';
import { openWelcomeComposer } from '../welcome/composer';
import { openGestureComposer } from '../gestures/composer';
import { takeLoopStep } from '../gestures/loop';
import { loyalSince, quarterLine } from '../gestures/model';
import { dueFollowUpsSection } from '../followups/followUps';

/** Draws Today in `root`; `reload` reads it again and redraws in place if it changed (the book changed elsewhere). */
export function renderToday(root: HTMLElement, opts: { onNew: () => void }): { reload: () => Promise<void> } {
  const page = el('section', { class: 'page page-today', testid: 'today-page' });
  replaceChildren(root, page);
  // What is drawn, as data: a re-read that finds the same leaves the page (and the owner's pointer) alone.
  let drawn = '';
  const load = async (onlyIfChanged = false) => {
    try {
      const view = await ipc.today();
      // The loops are drawn when they come; Today stands without them.
      const loops = await Promise.all([ipc.openLoops(), ipc.complaintsEndedThisQuarter()]).catch(() => null);
      if (!page.isConnected) return;
      const key = JSON.stringify([view, loops]);
      if (onlyIfChanged && key === drawn) return;
      drawn = key;
      draw(page, view, opts, () => load(), loops);
      // When Today first stood on screen: the start-up benchmark (tests/e2e/startup-bench.mjs) reads it.
      if (performance.getEntriesByName('today-shown').length === 0) performance.mark('today-shown');
    } catch (e) {
      const err = showError(e);
      replaceChildren(page, el('div', { class: 'empty-state' }, el('h2', { text: 'Today could not be loaded' }), el('p', { text: err.message })));
    }
  };
  void load();
  return { reload: () => load(true) };
}

function nameLink(c: ContactSummary): HTMLElement {
  return el('a', { class: 'person-link', href: href({ name: 'contact', id: c.id }), testid: 'person-link', text: c.displayName || '(no name)' });
}

function item(testid: string, main: Child[], meta: Child[], action?: HTMLElement): HTMLElement {
  if (!action) {
    return el('li', { class: 'item', testid }, el('div', { class: 'item-main' }, ...main), el('div', { class: 'item-meta' }, ...meta));
  }
  // With an action the details go under the name, so long names and notes keep their room.
  return el('li', { class: 'item item-stacked', testid }, el('div', { class: 'item-main' }, ...main, el('div', { class: 'item-meta' }, ...meta)), action);
}

const LOOPS_SHOWN = 8;

/** Each open complaint loop with its next step (one click) and when it is due, oldest first. */
function loopsSection(list: OpenLoopList, quarter: QuarterCount, today: string, reload: () => Promise<void>): HTMLElement {
  const items = list.loops.slice(0, LOOPS_SHOWN).map((l) => {
    const btn = el('button', {
      class: 'btn btn-small',
      type: 'button',
      testid: 'loop-next',
      text: l.stage === 'open' ? 'Apologise' : l.stage === 'apologised' ? 'Put right…' : 'Checked back…',
    });
    btn.addEventListener('click', () => {
      if (l.stage === 'open') void openGestureComposer(l.contact.id, { kind: 'apology', about: l.complaintId }, () => void reload());
      else void takeLoopStep(l.complaintId, l.stage === 'apologised' ? 'putRight' : 'checkBack', () => void reload());
    });
    return item(
      'loop-item',
      [nameLink(l.contact), l.complaint && el('span', { class: 'item-note', text: l.complaint })],
      [
        // A loyal customer unhappy is the complaint that most needs seeing through.
        loyalSince(l.contact.customerSince, today) &&
          el('span', { class: 'pill pill-accent', testid: 'loop-loyal', text: `loyal — ${loyalSince(l.contact.customerSince, today)}` }),
        el('span', { class: `pill${l.due ? ' pill-warn' : ''}`, testid: 'loop-next-step', text: `${l.nextStep}${l.due ? ' — due' : ''}` }),
        el('span', { text: l.due ? `since ${formatDate(l.dueOn, today)}` : `by ${formatDate(l.dueOn, today)}` }),
        el('span', { class: 'muted', text: `complaint of ${formatDate(l.complainedOn, today)}` }),
      ],
      btn,
    );
  });
  const node = section(
    { title: 'Open complaints', icon: 'complaint', testid: 'today-complaints', count: list.total, shown: items.length, empty: 'No open complaints. Lovely.' },
    items,
  );
  node.append(el('p', { class: 'muted small', testid: 'today-happy-quarter', text: quarterLine(Number(quarter.happy), Number(quarter.closed)) }));
  return node;
}

function draw(
  page: HTMLElement,
  v: TodayView,
  opts: { onNew: () => void },
  reload: () => Promise<void>,
  loops: [OpenLoopList, QuarterCount] | null = null,
): void {
  const heading = el(
    'header',
    { class: 'page-header' },
    el('p', { class: 'eyebrow', text: 'Today' }),
    el('h1', { class: 'page-title', testid: 'today-date', text: formatLongDate(v.date) }),
  );

  if (v.contactCount === 0) {
    replaceChildren(page, heading, firstRun(opts, reload));
    return;
  }

  // A gesture from where the reason for it is: the composer opens on the right kind.
  const gestureButton = (contactId: number, kind: string, label: string, testid: string) =>
    el(
      'button',
      {
        class: 'btn btn-small',
        type: 'button',
        testid,
        on: { click: () => void openGestureComposer(contactId, { kind }, () => void reload()) },
      },
      icon('email', 14),
      label,
    );

  const birthdays = v.birthdays.map((b) =>
    item(
      'birthday-item',
      [nameLink(b.contact), b.contact.company && el('span', { class: 'item-sub', text: b.contact.company })],
      [
        el('span', { class: `pill${b.inDays === 0 ? ' pill-accent' : ''}`, text: inDays(b.inDays) }),
        el('span', { text: formatDate(b.date, v.date) }),
        b.turning !== null && el('span', { text: `turns ${b.turning}` }),
      ],
      // Greeted: said where the button was, so the name keeps its room.
      b.greetedOn
        ? el('span', {
            class: 'pill pill-ok',
            testid: 'birthday-greeted',
            text: b.greetedOn === v.date ? 'greeted today' : `greeted ${formatDate(b.greetedOn, v.date)}`,
          })
        : gestureButton(b.contact.id, 'birthday', 'Greet…', 'greet-birthday'),
    ),
  );

  const newCustomers = v.newCustomers.map((n) => {
    const btn = el('button', { class: 'btn btn-small', type: 'button', testid: 'welcome-customer' }, icon('email', 14), 'Welcome');
    btn.addEventListener('click', () => void openWelcomeComposer(n.contact.id, () => void reload()));
    return item(
      'new-customer-item',
      [nameLink(n.contact), n.contact.company && el('span', { class: 'item-sub', text: n.contact.company })],
      [el('span', { class: 'pill pill-accent', text: 'new' }), el('span', { text: `since ${formatDate(n.since, v.date)}` })],
      btn,
    );
  });

  const complaints = v.openComplaints.map((oc) => {
    const btn = el('button', { class: 'btn btn-small', type: 'button', testid: 'resolve-complaint' }, icon('check', 14), 'Mark resolved');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await ipc.setComplaintResolved(oc.complaint.id, true);
        toast(`Complaint from ${oc.contact.displayName} marked resolved. A thank-you note goes a long way.`, {
          kind: 'success',
          action: {
            label: 'Undo',
            run: async () => {
              try {
                await ipc.setComplaintResolved(oc.complaint.id, false);
                bookChanged();
                await reload();
              } catch (e) {
                showError(e);
              }
            },
          },
        });
        bookChanged();
        await reload();
      } catch (e) {
        btn.disabled = false;
        showError(e);
      }
    });
    return item(
      'complaint-item',
      [nameLink(oc.contact), oc.complaint.note && el('span', { class: 'item-note', testid: 'complaint-note', text: oc.complaint.note })],
      [
        el('span', {
          class: `pill${oc.daysOpen > 7 ? ' pill-warn' : ''}`,
          text: oc.daysOpen === 0 ? 'opened today' : `open ${spanOfDays(oc.daysOpen)}`,
          attrs: { title: `open ${plural(oc.daysOpen, 'day')}` },
        }),
        el('span', { text: formatDate(oc.complaint.happenedOn, v.date) }),
      ],
      btn,
    );
  });

  const overdue = v.overdue.map((o) => {
    const btn = el('button', { class: 'btn btn-small', type: 'button', testid: 'log-call-quick' }, icon('call', 14), 'Log a call');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        const tp = await ipc.logTouchpoint(o.contact.id, { kind: 'call', happenedOn: v.date, note: '', handledBy: '' });
        toastWithUndo(`Logged a call with ${o.contact.displayName}`, tp.id, reload);
        bookChanged();
        await reload();
      } catch (e) {
        btn.disabled = false;
        showError(e);
      }
    });
    return item(
      'overdue-item',
      [nameLink(o.contact), o.contact.company && el('span', { class: 'item-sub', text: o.contact.company })],
      [
        el('span', { class: 'pill pill-warn', text: `${spanOfDays(o.daysOverdue)} overdue`, attrs: { title: `${plural(o.daysOverdue, 'day')} overdue` } }),
        el('span', { text: o.lastContacted ? `last ${relativePast(o.lastContacted, v.date)}` : 'never contacted' }),
        el('span', { class: 'muted', text: cadence(o.keepInTouchDays) }),
      ],
      el('div', { class: 'item-actions' }, gestureButton(o.contact.id, 'check-in', 'Check in…', 'check-in'), btn),
    );
  });

  replaceChildren(
    page,
    heading,
    el('p', { class: 'lead', text: summary(v) }),
    nextOccasion(v),
    el(
      'div',
      { class: 'today-grid' },
      section(
        {
          title: 'New customers to welcome',
          icon: 'people',
          testid: 'today-new-customers',
          count: v.newCustomerCount,
          shown: v.newCustomers.length,
          empty: 'Every new customer has been welcomed.',
        },
        newCustomers,
      ),
      section(
        {
          title: 'Birthdays in the next 14 days',
          icon: 'cake',
          testid: 'today-birthdays',
          count: v.birthdayCount,
          shown: v.birthdays.length,
          empty: 'No birthdays in the next two weeks.',
        },
        birthdays,
      ),
      // Each open loop with its next step; the plain list if the loops could not be read.
      loops
        ? loopsSection(loops[0], loops[1], v.date, reload)
        : section(
            {
              title: 'Open complaints',
              icon: 'complaint',
              testid: 'today-complaints',
              count: v.openComplaintCount,
              shown: v.openComplaints.length,
              empty: 'No open complaints. Lovely.',
            },
            complaints,
          ),
      dueFollowUpsSection(v, reload),
      section(
        {
          title: 'Thank for a referral',
          icon: 'compliment',
          testid: 'today-referrals',
          count: v.referralThanksCount,
          shown: v.referralThanks.length,
          empty: 'No referral waiting for a thank-you.',
        },
        v.referralThanks.map((r) =>
          item(
            'referral-item',
            [nameLink(r.referrer), el('span', { class: 'item-note', text: `sent us ${r.referred.displayName}` })],
            [el('span', { text: `noted ${formatDate(r.referredOn, v.date)}` })],
            el(
              'button',
              {
                class: 'btn btn-small',
                type: 'button',
                testid: 'thank-referral',
                on: {
                  click: () => void openGestureComposer(r.referrer.id, { kind: 'referral-thanks', referredName: r.referred.displayName }, () => void reload()),
                },
              },
              icon('email', 14),
              'Thank…',
            ),
          ),
        ),
      ),
      section(
        {
          title: 'Past their keep-in-touch time',
          icon: 'clock',
          testid: 'today-overdue',
          count: v.overdueCount,
          shown: v.overdue.length,
          empty: 'Everyone has heard from you recently.',
        },
        overdue,
      ),
    ),
  );
}

function summary(v: TodayView): string {
  const parts: string[] = [];
  if (v.newCustomerCount) parts.push(`${plural(v.newCustomerCount, 'new customer')} to welcome`);
  if (v.birthdays.some((b) => b.inDays === 0)) parts.push(`${plural(v.birthdays.filter((b) => b.inDays === 0).length, 'birthday')} today`);
  if (v.openComplaintCount) parts.push(`${plural(v.openComplaintCount, 'open complaint')}`);
  if (v.followUpCount) parts.push(`${plural(v.followUpCount, 'follow-up')} due`);
  if (v.referralThanksCount) parts.push(`${plural(v.referralThanksCount, 'referral')} to thank`);
  if (v.overdueCount) parts.push(`${plural(v.overdueCount, 'customer')} to get back in touch with`);
  const book = `${plural(v.contactCount, 'customer')} in your book.`;
  return parts.length ? `${parts.join(', ')}. ${book}` : `All caught up. ${book}`;
}

function firstRun(opts: { onNew: () => void }, reload: () => Promise<void>): HTMLElement {
  const load = el('button', { class: 'btn btn-primary btn-large', type: 'button', testid: 'load-samples', text: 'Load 200 sample customers' });
  load.addEventListener('click', async () => {
    load.disabled = true;
    load.textContent = 'Loading sample customers…';
    try {
      const n = await ipc.loadSampleContacts(200);
      toast(`Added ${plural(n, 'sample customer')}. Archive or delete them whenever you like.`, { kind: 'success' });
      bookChanged();
      await reload();
    } catch (e) {
      load.disabled = false;
      load.textContent = 'Load 200 sample customers';
      showError(e);
    }
  });
  return el(
    'div',
    { class: 'card first-run', testid: 'first-run' },
    el('div', { class: 'first-run-icon' }, icon('people', 32)),
    el('h2', { text: 'Welcome to Rapport' }),
    el('p', {
      text: `Rapport remembers your customers for you: their birthdays, their families, what you talked about last time, and who you have not heard from in a while. ${
        signedIn() ? 'Everything is kept in your team\u2019s shared book, and every desk sees it.' : 'Everything stays on this computer.'
      }`,
    }),
    el(
      'div',
      { class: 'first-run-actions' },
      load,
      el('button', { class: 'btn btn-large', type: 'button', testid: 'add-first', text: 'Add your first customer', on: { click: opts.onNew } }),
    ),
    el('p', { class: 'muted small', text: 'Sample customers let you try everything first; you can archive or delete them later.' }),
  );
}

const BASIS: Record<string, string> = {
  activeWithAddress: 'active contacts with a postal address',
  birthdaysInWindow: 'contacts with a birthday in the next 30 days',
  anniversariesInWindow: 'contacts with a customer anniversary in the next 30 days',
};

function nextOccasion(v: TodayView): HTMLElement | null {
  const n = v.nextOccasion;
  if (!n) return null;
  // Dated as the rest of Today ("26 Nov"), the year only when it is not this one.
  const when = `${inDays(n.inDays)} (${formatDate(n.date, v.date)})`;
  return el(
    'section',
    { class: 'card today-occasion', testid: 'today-occasion' },
    el(
      'header',
      { class: 'section-head' },
      el('span', { class: 'section-icon' }, icon('cake', 18)),
      el('h2', { class: 'section-title', testid: 'today-occasion-name', text: `${n.occasion.name} — ${when}` }),
    ),
    el('p', { testid: 'today-occasion-count', text: `${plural(Number(n.cardCount), 'card')} to prepare: ${BASIS[n.countBasis] ?? n.countBasis}.` }),
    el('a', { class: 'btn btn-primary', href: `#/cards/${n.occasion.id}`, testid: 'prepare-cards', text: 'Prepare cards' }),
  );
}
