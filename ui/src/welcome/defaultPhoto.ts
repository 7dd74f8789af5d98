// Settings › the default photo of welcomes and gestures, picked from thumbnails of the team
// photos and portraits (it was a number to type). "Automatic" leaves it to Rapport: the newest
// team photo, else the newest portrait.
import type { PhotoInfo } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError, toast } from '../shared/toast';

export function defaultPhotoPicker(current: string): HTMLElement {
  const list = el('div', { class: 'photo-picker', testid: 'default-photo-picker', attrs: { role: 'radiogroup', 'aria-label': 'Default photo' } });
  let chosen = current.trim();
  const option = (value: string, label: string, photo?: PhotoInfo) => {
    const img = photo ? el('img', { class: 'thumb', alt: label }) : el('span', { class: 'thumb thumb-auto', text: 'Auto' });
    if (photo && img instanceof HTMLImageElement) {
      ipc.photoDataUrl(photo.id, true).then(
        (url) => {
          img.src = url;
        },
        () => {
          img.alt = 'Picture not available';
        },
      );
    }
    const button = el(
      'button',
      {
        type: 'button',
        class: `photo-option${value === chosen ? ' is-chosen' : ''}`,
        testid: 'default-photo-option',
        attrs: { role: 'radio', 'aria-checked': String(value === chosen), 'data-value': value },
        on: { click: () => void choose(value, label) },
      },
      img,
      el('span', { class: 'photo-option-label', text: label }),
    );
    return button;
  };
  let photos: PhotoInfo[] = [];
  const draw = () =>
    replaceChildren(
      list,
      option('', 'Automatic'),
      ...photos.map((p) => option(String(p.id), p.caption || (p.kind === 'team' ? `Team photo ${p.id}` : `Portrait ${p.id}`), p)),
    );
  async function choose(value: string, label: string) {
    try {
      await ipc.setSetting('default_photo', value);
      chosen = value;
      draw();
      toast(value ? `Welcomes now carry ${label}.` : 'Rapport picks the photo: the newest team photo, else the newest portrait.', { kind: 'success' });
    } catch (e) {
      showError(e);
    }
  }
  ipc.listPhotos().then(
    (all) => {
      photos = all;
      draw();
    },
    (e) => showError(e),
  );
  draw();
  return list;
}
