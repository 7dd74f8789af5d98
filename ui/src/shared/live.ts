// Live screens: when the book changes elsewhere (another desk of the team's book, the command
// line on this computer), the screen re-reads what it shows. Never in the owner's way: not while a
// dialog is open or while they type on the page; the moment they stop, it catches up.
import type { BookChanged } from '../api/bindings';
import { dialogOpen } from './dialog';

/** Fields the owner typed in since they were drawn: a re-read would throw that away. */
const typedIn = new WeakSet<EventTarget>();
if (typeof document !== 'undefined') {
  document.addEventListener('input', (e) => e.target && typedIn.add(e.target), true);
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'date', 'password']);

function isTextField(n: Element): boolean {
  if (n instanceof HTMLTextAreaElement || n instanceof HTMLSelectElement) return true;
  if (n instanceof HTMLInputElement) return TEXT_INPUTS.has(n.type);
  return (n as HTMLElement).isContentEditable === true;
}

/**
 * Whether re-drawing `root` now would get in the owner's way: a dialog is open, a form is open on
 * the page (logging a call), a field has the focus, or holds what they typed and have not saved.
 */
export function ownerIsBusy(root: HTMLElement): boolean {
  if (dialogOpen() || root.querySelector('form')) return true;
  const active = document.activeElement;
  if (active && active !== root && root.contains(active) && isTextField(active)) return true;
  for (const field of root.querySelectorAll('input, textarea, select, [contenteditable="true"]')) {
    if (typedIn.has(field)) return true;
  }
  return false;
}

/** Two changes heard one after the other, as one. */
export function mergeChanges(a: BookChanged | null, b: BookChanged): BookChanged {
  if (!a) return b;
  const everything = a.everything || b.everything;
  return { everything, reopened: a.reopened || b.reopened, contactIds: everything ? [] : [...new Set([...a.contactIds, ...b.contactIds])] };
}

/** Whether a change touches the contact page of `id`. */
export function touchesContact(change: BookChanged, id: number): boolean {
  return change.everything || change.contactIds.includes(id);
}

/** How long a burst of notices is gathered before one re-read, and how often a busy owner is asked again. */
const GATHER_MS = 150;
const BUSY_AGAIN_MS = 500;

/**
 * Calls `refresh` with what changed, once per burst, when the owner is not busy. `watch` starts the
 * stream of changes (ipc.watchBook); it is called again if it fails, a little later.
 */
export function followChanges(opts: {
  watch: (onChange: (c: BookChanged) => void) => Promise<unknown>;
  busy: () => boolean;
  refresh: (c: BookChanged) => void;
}): void {
  let pending: BookChanged | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const settle = () => {
    timer = null;
    if (!pending) return;
    if (opts.busy()) {
      timer = setTimeout(settle, BUSY_AGAIN_MS);
      return;
    }
    const change = pending;
    pending = null;
    opts.refresh(change);
  };
  const heard = (change: BookChanged) => {
    pending = mergeChanges(pending, change);
    if (timer === null) timer = setTimeout(settle, GATHER_MS);
  };
  const start = () => opts.watch(heard).catch(() => setTimeout(start, 5000));
  void start();
}
