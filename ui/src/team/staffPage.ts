// A staff member's page: what customers said about them — the compliments and the complaints that
// name them as who handled it, newest first — so the team sees each person's share of the praise.
import type { Feedback, StaffFeedback } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, icon, replaceChildren } from '../shared/dom';
import { formatDate, plural, todayIso } from '../shared/dates';
import { href } from '../shared/router';
import { section } from '../shared/section';

export function renderStaffPage(root: HTMLElement, id: number): void {
  const page = el('section', { class: 'page page-staff-member', testid: 'staff-member-page' }, el('p', { class: 'muted', text: 'Loading…' }));
  replaceChildren(root, page);
  ipc.staffFeedback(id).then(
    (feedback) => {
      if (page.isConnected) draw(page, feedback);
    },
    (e) => {
      if (!page.isConnected) return;
      const err = ipc.toAppError(e);
      replaceChildren(
        page,
        el(
          'div',
          { class: 'empty-state' },
          el('h2', { text: err.code === 'notFound' ? 'This staff member is no longer here' : 'This page could not be loaded' }),
          el('p', { text: err.message }),
          el('a', { class: 'btn', href: href({ name: 'staff' }), text: 'Back to Staff & photos' }),
        ),
      );
    },
  );
}

function item(f: Feedback): HTMLElement {
  return el(
    'li',
    { class: 'item item-stacked', testid: 'feedback-item' },
    el(
      'div',
      { class: 'item-main' },
      el('a', {
        class: 'person-link',
        href: href({ name: 'contact', id: f.touchpoint.contactId }),
        testid: 'feedback-customer',
        text: f.customer || '(no name)',
      }),
      f.touchpoint.note && el('span', { class: 'item-note', testid: 'feedback-note', text: f.touchpoint.note }),
      el('div', { class: 'item-meta' }, el('span', { text: formatDate(f.touchpoint.happenedOn, todayIso()) })),
    ),
  );
}

function draw(page: HTMLElement, f: StaffFeedback): void {
  const m = f.member;
  replaceChildren(
    page,
    el(
      'header',
      { class: 'page-header' },
      el('a', { class: 'back-link', href: href({ name: 'staff' }) }, icon('back', 14), 'Staff & photos'),
      el('h1', { class: 'page-title', testid: 'staff-member-name', text: m.name }),
      el('p', {
        class: 'lead',
        testid: 'staff-member-summary',
        text: `${m.role ? `${m.role}. ` : ''}${plural(f.complimentCount, 'compliment')} and ${plural(f.complaintCount, 'complaint')} name ${m.name} as who handled them.`,
      }),
    ),
    el(
      'div',
      { class: 'feedback-grid' },
      section(
        {
          title: 'Compliments',
          icon: 'compliment',
          testid: 'staff-compliments',
          count: f.complimentCount,
          shown: f.compliments.length,
          empty: 'No compliments name them yet.',
        },
        f.compliments.map(item),
      ),
      section(
        {
          title: 'Complaints',
          icon: 'complaint',
          testid: 'staff-complaints',
          count: f.complaintCount,
          shown: f.complaints.length,
          empty: 'No complaints name them.',
        },
        f.complaints.map(item),
      ),
    ),
  );
}
