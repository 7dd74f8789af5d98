// The contact's photo in the page header: the thumbnail (or the initials) with buttons to add,
// change or remove it. The picture goes through the same checks as staff photos in the core.
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError, toast } from '../shared/toast';
import { readPicture } from '../welcome/files';

/** The buttons offered under the photo. */
export function photoButtons(hasPhoto: boolean): { action: 'add' | 'change' | 'remove'; label: string }[] {
  return hasPhoto
    ? [
        { action: 'change', label: 'Change' },
        { action: 'remove', label: 'Remove' },
      ]
    : [{ action: 'add', label: 'Add photo…' }];
}

/** A data URL the window may show as a picture (what the core sends, and nothing else). */
export function isJpegDataUrl(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('data:image/jpeg;base64,');
}

export function contactPhoto(contactId: number, initials: string, name: string): HTMLElement {
  const box = el('div', { class: 'contact-photo', testid: 'contact-photo' });
  const file = el('input', {
    type: 'file',
    class: 'visually-hidden',
    // Reached through Add photo / Change: out of the Tab order and of what a screen reader reads.
    attrs: { accept: 'image/jpeg,image/png,image/webp', 'aria-label': `Photo of ${name}`, tabindex: '-1', 'aria-hidden': 'true' },
    testid: 'contact-photo-input',
  });
  let url: string | null = null;
  let busy = false;

  const draw = () => {
    const picture = url
      ? el('img', { class: 'avatar avatar-photo', src: url, alt: `Photo of ${name}`, testid: 'contact-photo-img' })
      : el('div', { class: 'avatar', attrs: { 'aria-hidden': 'true' }, text: initials });
    const buttons = photoButtons(url !== null).map((b) =>
      el('button', {
        class: 'btn btn-link',
        type: 'button',
        text: b.label,
        disabled: busy,
        testid: `contact-photo-${b.action}`,
        on: { click: () => (b.action === 'remove' ? void remove() : file.click()) },
      }),
    );
    replaceChildren(box, picture, el('div', { class: 'contact-photo-actions' }, ...buttons), file);
  };

  const load = async () => {
    try {
      const fresh = await ipc.contactPhotoDataUrl(contactId, true);
      url = isJpegDataUrl(fresh) ? fresh : null;
    } catch {
      url = null; // the initials stay; the page itself reports a missing contact
    }
    draw();
  };

  async function remove() {
    busy = true;
    draw();
    try {
      await ipc.removeContactPhoto(contactId);
      toast('Photo removed.', { kind: 'success' });
    } catch (e) {
      showError(e);
    }
    busy = false;
    await load();
  }

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    busy = true;
    draw();
    try {
      await ipc.setContactPhoto(contactId, await readPicture(chosen));
      toast('Photo saved.', { kind: 'success' });
    } catch (e) {
      showError(e);
    }
    busy = false;
    await load();
  });

  draw();
  void load();
  return box;
}
