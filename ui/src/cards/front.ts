// The front of the cards: the design's drawn motif, or a staff or team photo from the book, or a
// new picture (imported into Staff & photos first, so it is checked, turned upright and kept).
import type { PhotoInfo } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError, toast } from '../shared/toast';
import { readPicture } from '../welcome/files';

/** The label of a photo in the list. */
export function photoLabel(p: PhotoInfo, staffNames: Map<number, string>): string {
  const who = p.staffId !== null ? staffNames.get(p.staffId) : undefined;
  const kind = p.kind === 'team' ? 'Team photo' : `Portrait${who ? ` of ${who}` : ''}`;
  return p.caption ? `${kind}: ${p.caption}` : `${kind} #${p.id}`;
}

export function frontPicker() {
  const select = el('select', { class: 'input', testid: 'cards-front', attrs: { 'aria-label': 'Front' } });
  const thumb = el('img', { class: 'front-thumb', alt: '', hidden: true, testid: 'cards-front-thumb' });
  const file = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp', hidden: true, testid: 'cards-front-file' });
  const add = el('button', { type: 'button', class: 'btn btn-small', text: 'Add a picture…', on: { click: () => file.click() } });

  async function load(selectId: number | null = null) {
    const [photos, staff] = await Promise.all([ipc.listPhotos(), ipc.listStaff()]);
    const names = new Map(staff.map((s) => [s.id, s.name]));
    replaceChildren(
      select,
      el('option', { value: '', text: 'The design’s drawing' }),
      ...photos.map((p) => el('option', { value: String(p.id), text: photoLabel(p, names) })),
    );
    if (selectId !== null) select.value = String(selectId);
    await showThumb();
  }
  async function showThumb() {
    const id = chosen();
    thumb.hidden = id === null;
    if (id !== null) thumb.src = await ipc.photoDataUrl(id, true);
  }
  function chosen(): number | null {
    return select.value === '' ? null : Number(select.value);
  }

  select.addEventListener('change', () => void showThumb().catch(showError));
  file.addEventListener('change', async () => {
    const picked = file.files?.[0];
    if (!picked) return;
    try {
      const photo = await ipc.importPhoto(await readPicture(picked), 'team', null, picked.name.replace(/\.[^.]+$/, ''));
      toast('The picture is added to Staff & photos.');
      await load(photo.id);
    } catch (e) {
      showError(e);
    } finally {
      file.value = '';
    }
  });

  const node = el('div', { class: 'front-picker' }, el('div', { class: 'front-row' }, select, add, file), thumb);
  return { node, load, chosen };
}
