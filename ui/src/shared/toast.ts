import { el } from './dom';
import type { AppError } from '../api/bindings';
import { toAppError } from '../api/ipc';

let region: HTMLElement | null = null;

function getRegion(): HTMLElement {
  if (!region?.isConnected) {
    region = el('div', { class: 'toasts', testid: 'toasts', attrs: { role: 'status', 'aria-live': 'polite' } });
    document.body.appendChild(region);
  }
  return region;
}

export type ToastOptions = {
  kind?: 'info' | 'error' | 'success';
  action?: { label: string; run: () => void | Promise<void> };
  timeoutMs?: number;
};

export function toast(message: string, opts: ToastOptions = {}): () => void {
  const kind = opts.kind ?? 'info';
  const close = () => {
    node.classList.add('leaving');
    window.setTimeout(() => node.remove(), 160);
  };
  const node = el(
    'div',
    { class: `toast toast-${kind}`, testid: 'toast' },
    el('span', { class: 'toast-text', text: message }),
    opts.action &&
      el('button', {
        class: 'btn btn-ghost toast-action',
        testid: 'toast-action',
        text: opts.action.label,
        type: 'button',
        on: {
          click: () => {
            close();
            void opts.action?.run();
          },
        },
      }),
    el('button', {
      class: 'icon-btn toast-close',
      type: 'button',
      attrs: { 'aria-label': 'Dismiss' },
      text: '×',
      on: { click: close },
    }),
  );
  getRegion().appendChild(node);
  const timeout = opts.timeoutMs ?? (kind === 'error' ? 9000 : opts.action ? 10000 : 4000);
  window.setTimeout(close, timeout);
  return close;
}

/** Show any error (an AppError or anything thrown) as a toast. */
export function showError(e: unknown): AppError {
  const err = toAppError(e);
  toast(err.message, { kind: 'error' });
  return err;
}
