import './styles.css';
import * as ipc from './api/ipc';
import { el, icon, replaceChildren } from './shared/dom';
import { setToday } from './shared/dates';
import { setSignedIn } from './shared/session';
import { JOINED_NOTE } from './team/sharedBook';
import { closeTopDialog, dialogOpen } from './shared/dialog';
import { href, navigate, parseRoute, type Route } from './shared/router';
import { renderToday } from './today/today';
import { createContactList } from './contacts/list';
import { renderContactPage } from './contacts/contactPage';
import { openContactForm } from './contacts/editForm';
import { renderStaff } from './welcome/staff';
import { renderStaffPage } from './team/staffPage';
import { renderTestimonials } from './testimonials/screen';
import { renderSettings } from './welcome/settings';
import { renderCards } from './cards/cards';
import { renderExchange } from './exchange/exchange';
import { renderRecovery } from './recovery/recovery';
import { toast } from './shared/toast';
import { bookChanged } from './shared/events';
import { followChanges, ownerIsBusy, touchesContact } from './shared/live';
import type { BookChanged } from './api/bindings';

async function newContact() {
  if (dialogOpen()) return;
  const id = await openContactForm();
  if (id !== null) navigate({ name: 'contact', id });
}

const list = createContactList({ onNew: () => void newContact() });
const content = el('main', { class: 'content', id: 'content', testid: 'content', attrs: { tabindex: '-1' } });

const navLink = (route: Route, label: string, ic: 'sun' | 'people' | 'edit' | 'cake' | 'exchange' | 'compliment') =>
  el('a', { class: 'nav-link', href: href(route), testid: `nav-${route.name}` }, icon(ic, 18), label);
const navToday = navLink({ name: 'today' }, 'Today', 'sun');
const navContacts = navLink({ name: 'contacts' }, 'Contacts', 'people');
const navCards = navLink({ name: 'cards' }, 'Cards', 'cake');
const navExchange = navLink({ name: 'exchange', tab: 'export' }, 'Import & export', 'exchange');
const navTestimonials = navLink({ name: 'testimonials' }, 'Testimonials', 'compliment');
const navStaff = navLink({ name: 'staff' }, 'Staff & photos', 'people');
const navSettings = navLink({ name: 'settings' }, 'Settings', 'edit');
const versionLabel = el('p', { class: 'version', testid: 'version' });
/** Shown while the desk works on its copy of the team's book because the server is away. */
const offlineBanner = el('div', { class: 'offline-banner', testid: 'offline-banner', hidden: true, attrs: { role: 'status' } });

const sidebar = el(
  'nav',
  { class: 'sidebar', attrs: { 'aria-label': 'Main' } },
  el('div', { class: 'brand' }, el('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' }, text: 'R' }), 'Rapport'),
  el(
    'button',
    {
      class: 'btn btn-primary btn-block',
      type: 'button',
      testid: 'new-contact',
      attrs: { title: 'New contact (Ctrl+N)' },
      on: { click: () => void newContact() },
    },
    icon('plus', 16),
    'New contact',
  ),
  el('div', { class: 'nav-links' }, navToday, navContacts, navCards, navTestimonials, navExchange, navStaff, navSettings),
  el('div', { class: 'sidebar-foot' }, el('p', { class: 'hint', text: 'Ctrl+N new · / search' }), versionLabel),
);

let current: Route = { name: 'today' };
/** How the screen on show reads itself again in place; counts screens shown, so a late read never draws over the next one. */
let screen: { reload: (stillShown: () => boolean) => Promise<void> } | null = null;
let shown = 0;

function show() {
  current = parseRoute(location.hash);
  shown += 1;
  screen = null;
  navToday.toggleAttribute('aria-current', current.name === 'today');
  navCards.toggleAttribute('aria-current', current.name === 'cards');
  navContacts.toggleAttribute('aria-current', current.name === 'contacts' || current.name === 'contact');
  navStaff.toggleAttribute('aria-current', current.name === 'staff' || current.name === 'staffMember');
  navExchange.toggleAttribute('aria-current', current.name === 'exchange');
  navSettings.toggleAttribute('aria-current', current.name === 'settings');
  navTestimonials.toggleAttribute('aria-current', current.name === 'testimonials');
  if (current.name === 'contacts') {
    if (list.root.parentElement !== content) replaceChildren(content, list.root);
    list.activate();
  } else if (current.name === 'cards') {
    navCards.toggleAttribute('aria-current', true);
    renderCards(content, current.occasion);
  } else if (current.name === 'today') {
    screen = renderToday(content, { onNew: () => void newContact() });
  } else if (current.name === 'exchange') {
    renderExchange(content, current.tab);
  } else if (current.name === 'staff') {
    renderStaff(content);
  } else if (current.name === 'staffMember') {
    renderStaffPage(content, current.id);
  } else if (current.name === 'settings') {
    renderSettings(content);
  } else if (current.name === 'testimonials') {
    screen = renderTestimonials(content);
  } else {
    screen = renderContactPage(content, current.id);
  }
  if (current.name !== 'contacts') content.scrollTop = 0;
}

/**
 * The book changed elsewhere: the list refetches (keeping its search, selection and place), and
 * Today or the contact page it touches is read again where the owner is looking. Screens of work in
 * progress (cards, import, settings) are left as they are.
 */
function showChange(change: BookChanged) {
  // Back online (or the book opened anew): every screen starts over on the team's book.
  if (change.reopened) {
    location.reload();
    return;
  }
  bookChanged();
  const route = current;
  const reread = route.name === 'today' || (route.name === 'contact' && touchesContact(change, route.id));
  if (!screen || !reread) return;
  const mine = shown;
  const top = content.scrollTop;
  void screen
    .reload(() => shown === mine)
    .then(() => {
      if (shown === mine) content.scrollTop = top;
    });
}

function focusSearch() {
  if (parseRoute(location.hash).name !== 'contacts') navigate({ name: 'contacts' });
  requestAnimationFrame(() => list.focusSearch());
}

function isTyping(t: EventTarget | null): boolean {
  const n = t as HTMLElement | null;
  return !!n && (n.tagName === 'INPUT' || n.tagName === 'TEXTAREA' || n.tagName === 'SELECT' || n.isContentEditable);
}

document.addEventListener('keydown', (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n') {
    e.preventDefault();
    void newContact();
  } else if (mod && !e.altKey && e.key.toLowerCase() === 'f') {
    if (dialogOpen()) return;
    e.preventDefault();
    focusSearch();
  } else if (e.key === '/' && !mod && !isTyping(e.target) && !dialogOpen()) {
    e.preventDefault();
    focusSearch();
  } else if (e.key === 'Escape') {
    if (closeTopDialog()) e.preventDefault();
  }
});

async function start() {
  const app = document.getElementById('app') ?? document.body;
  // A book that could not be opened: the recovery screen instead of the app, until a backup is
  // put in its place; then the app starts without restarting the window.
  const recovery = await ipc.recoveryStatus().catch(() => null);
  if (recovery) {
    renderRecovery(
      app,
      recovery,
      (info) => {
        void openShell(app).then(() =>
          toast(`Backup restored: ${info.contacts} contacts. The damaged file was kept as ${info.previousSavedTo}.`, { kind: 'success', timeoutMs: 12000 }),
        );
      },
      (info) => {
        void openShell(app).then(() => toast(`Opened the book in ${info.dataDir}.`, { kind: 'success', timeoutMs: 12000 }));
      },
      (info) => {
        void openShell(app).then(() => toast(`Signed in to the shared book as ${info.signedIn ?? 'you'}.`, { kind: 'success' }));
      },
    );
    return;
  }
  await openShell(app);
}

async function openShell(app: HTMLElement) {
  replaceChildren(app, el('div', { class: 'shell' }, sidebar, el('div', { class: 'main-column' }, offlineBanner, content)));
  try {
    const info = await ipc.appInfo();
    setToday(info.today);
    setSignedIn(info.signedIn);
    offlineBanner.hidden = !info.offlineAsOf;
    offlineBanner.textContent = info.offlineAsOf ? `Offline — the team's book as of ${info.offlineAsOf}; changes are off. Rapport reconnects by itself.` : '';
    versionLabel.textContent = info.signedIn ? `Shared book — ${info.signedIn} · Version ${info.version}` : `Version ${info.version}`;
    versionLabel.title = info.signedIn ? `The team's book on a server, signed in as ${info.signedIn}` : info.databasePath;
  } catch {
    // Older shells without app_info: fall back to the computer's clock.
  }
  window.addEventListener('hashchange', show);
  show();
  const joined = sessionStorage.getItem(JOINED_NOTE);
  if (joined) {
    sessionStorage.removeItem(JOINED_NOTE);
    toast(`Joined the shared book as ${joined}. Every desk sees the same customers now.`, { kind: 'success', timeoutMs: 12000 });
  }
  followChanges({
    watch: ipc.watchBook,
    busy: () => (current.name === 'today' || current.name === 'contact' ? ownerIsBusy(content) : false),
    refresh: showChange,
  });
}

void start();
