import { el, type Child } from './dom';

type OpenDialog = { close: () => void; node: HTMLElement };
const stack: OpenDialog[] = [];

export type DialogHandle = {
  root: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
  close: () => void;
  setTitle: (t: string) => void;
};

/**
 * A modal dialog: an overlay with a focused panel. Esc and the backdrop close
 * it (unless `dismissable` is false); focus returns where it was.
 */
export function openDialog(opts: { title: string; testid?: string; wide?: boolean; onClose?: () => void; content?: Child[] }): DialogHandle {
  const previous = document.activeElement as HTMLElement | null;
  const titleId = `dlg-title-${stack.length + 1}-${Date.now()}`;
  const title = el('h2', { class: 'dialog-title', id: titleId, text: opts.title });
  const body = el('div', { class: 'dialog-body' }, ...(opts.content ?? []));
  const footer = el('div', { class: 'dialog-footer' });
  const panel = el(
    'div',
    {
      class: `dialog${opts.wide ? ' dialog-wide' : ''}`,
      testid: opts.testid ?? 'dialog',
      attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    },
    el(
      'div',
      { class: 'dialog-header' },
      title,
      el('button', {
        class: 'icon-btn',
        type: 'button',
        text: '×',
        attrs: { 'aria-label': 'Close' },
        on: { click: () => close() },
      }),
    ),
    body,
    footer,
  );
  const overlay = el('div', { class: 'overlay' }, panel);
  overlay.addEventListener('mousedown', (e) => {
    if (e.target === overlay) close();
  });
  let closed = false;
  const entry: OpenDialog = { close: () => close(), node: overlay };
  function close() {
    if (closed) return;
    closed = true;
    overlay.remove();
    const i = stack.indexOf(entry);
    if (i >= 0) stack.splice(i, 1);
    opts.onClose?.();
    if (previous?.isConnected) previous.focus();
  }
  // Keep Tab inside the dialog.
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const focusables = Array.from(panel.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')).filter(
      (n) => !n.hasAttribute('disabled'),
    );
    if (focusables.length === 0) return;
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  });
  stack.push(entry);
  document.body.appendChild(overlay);
  return { root: panel, body, footer, close, setTitle: (t) => (title.textContent = t) };
}

/** Close the top-most dialog; true when there was one. */
export function closeTopDialog(): boolean {
  const top = stack[stack.length - 1];
  if (!top) return false;
  top.close();
  return true;
}

export function dialogOpen(): boolean {
  return stack.length > 0;
}

/** A small prompt for one line of text (used for "Tag…"). */
export function promptText(opts: { title: string; label: string; confirm: string; suggestions?: string[] }): Promise<string | null> {
  return new Promise((resolve) => {
    let result: string | null = null;
    const listId = `prompt-list-${Date.now()}`;
    const input = el('input', {
      type: 'text',
      class: 'input',
      testid: 'prompt-input',
      attrs: { list: opts.suggestions ? listId : null, autocomplete: 'off' },
    });
    const id = `prompt-${Date.now()}`;
    input.id = id;
    const form = el(
      'form',
      {
        class: 'stack',
        on: {
          submit: (e: Event) => {
            e.preventDefault();
            const v = input.value.trim();
            if (!v) {
              input.focus();
              return;
            }
            result = v;
            dlg.close();
          },
        },
      },
      el('label', { class: 'label', htmlFor: id, text: opts.label }),
      input,
      opts.suggestions && el('datalist', { id: listId }, ...opts.suggestions.map((s) => el('option', { value: s }))),
    );
    const dlg = openDialog({ title: opts.title, testid: 'prompt-dialog', content: [form], onClose: () => resolve(result) });
    dlg.footer.append(
      el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }),
      el('button', {
        class: 'btn btn-primary',
        type: 'button',
        testid: 'prompt-confirm',
        text: opts.confirm,
        on: { click: () => form.requestSubmit() },
      }),
    );
    input.focus();
  });
}
