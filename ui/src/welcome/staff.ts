// Staff & photos: the people, their portraits, team photos, and where the welcome is written.
import type { PhotoInfo, StaffMember } from '../api/bindings';
import * as ipc from '../api/ipc';
import { monthPageSection } from '../team/monthPage';
import { href } from '../shared/router';
import { el, icon, replaceChildren } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { showError, toast } from '../shared/toast';
import { nudgeArea } from './boardKeys';
import { readPicture, toImageArea } from './files';

export function renderStaff(root: HTMLElement): void {
  const page = el('section', { class: 'page page-staff', testid: 'staff-page' });
  replaceChildren(root, page);
  const load = async () => {
    try {
      const [staff, photos] = await Promise.all([ipc.listStaff(), ipc.listPhotos()]);
      if (page.isConnected) draw(page, staff, photos, load);
    } catch (e) {
      const err = showError(e);
      replaceChildren(page, el('p', { class: 'error-text', text: err.message }));
    }
  };
  void load();
}

function thumb(photoId: number | null, alt: string): HTMLElement {
  const img = el('img', { class: 'thumb', alt });
  if (photoId !== null) {
    ipc.photoDataUrl(photoId, true).then(
      (url) => {
        img.src = url;
      },
      () => {
        img.alt = 'Picture not available';
      },
    );
  }
  return img;
}

function draw(page: HTMLElement, staff: StaffMember[], photos: PhotoInfo[], reload: () => Promise<void>): void {
  const name = el('input', { class: 'input', placeholder: 'Name', testid: 'staff-name' });
  const role = el('input', { class: 'input', placeholder: 'Role (optional)', testid: 'staff-role' });
  // The file field itself is hidden (its native look matches nothing else here): a button opens
  // it, and the chosen picture's name is shown beside it.
  const portrait = el('input', {
    type: 'file',
    class: 'visually-hidden',
    attrs: { accept: 'image/jpeg,image/png,image/webp', 'aria-label': 'Portrait (optional)', tabindex: '-1', 'aria-hidden': 'true' },
    testid: 'staff-photo',
  });
  const portraitName = el('span', { class: 'hint', text: 'No portrait (optional)' });
  const choosePortrait = el('button', { class: 'btn', type: 'button', text: 'Portrait…', testid: 'staff-photo-choose', on: { click: () => portrait.click() } });
  portrait.addEventListener('change', () => {
    portraitName.textContent = portrait.files?.[0]?.name ?? 'No portrait (optional)';
  });
  const add = el('button', { class: 'btn btn-primary', type: 'submit', testid: 'staff-add' }, icon('plus', 14), 'Add');
  const form = el('form', { class: 'staff-form' }, name, role, el('div', { class: 'photo-actions' }, choosePortrait, portraitName, portrait), add);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    add.disabled = true;
    try {
      const file = portrait.files?.[0];
      const bytes = file ? await readPicture(file) : null;
      await ipc.addStaff(name.value, role.value, bytes);
      toast(`Added ${name.value}.`, { kind: 'success' });
      await reload();
    } catch (err) {
      showError(err);
    } finally {
      add.disabled = false;
    }
  });

  const staffList = el(
    'ul',
    { class: 'staff-list', testid: 'staff-list' },
    ...staff.map((s) =>
      el(
        'li',
        { class: `staff-item${s.active ? '' : ' muted'}`, testid: 'staff-item' },
        thumb(s.photoId, s.name),
        el('a', { class: 'staff-name person-link', href: href({ name: 'staffMember', id: s.id }), testid: 'staff-page-link', text: s.name }),
        el('span', { class: 'item-sub', text: s.role }),
        el('button', {
          class: 'btn btn-small',
          type: 'button',
          text: s.active ? 'Mark as left' : 'Back on the team',
          on: {
            click: async () => {
              try {
                await ipc.setStaffActive(s.id, !s.active);
                await reload();
              } catch (e) {
                showError(e);
              }
            },
          },
        }),
      ),
    ),
  );

  const teamInput = el('input', {
    type: 'file',
    class: 'visually-hidden',
    attrs: { accept: 'image/jpeg,image/png,image/webp', multiple: true, 'aria-label': 'Add team photos', tabindex: '-1', 'aria-hidden': 'true' },
    testid: 'team-photo-input',
  });
  const chooseTeam = el('button', {
    class: 'btn',
    type: 'button',
    text: 'Choose photos…',
    testid: 'team-photo-choose',
    on: { click: () => teamInput.click() },
  });
  const importFiles = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      try {
        await ipc.importPhoto(await readPicture(file), 'team', null, file.name.replace(/\.[^.]+$/, ''));
        toast(`Imported ${file.name}.`, { kind: 'success' });
      } catch (e) {
        showError(e);
      }
    }
    await reload();
  };
  teamInput.addEventListener('change', () => {
    if (teamInput.files) void importFiles(teamInput.files);
  });
  const drop = el('div', { class: 'drop-zone', testid: 'photo-drop' }, 'Drop team photos here (JPEG, PNG or WebP), or ', chooseTeam, teamInput);
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('drag-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('drag-over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('drag-over');
    if (e.dataTransfer?.files.length) void importFiles(e.dataTransfer.files);
  });

  const photoGrid = el(
    'ul',
    { class: 'photo-grid', testid: 'photo-grid' },
    ...photos.map((p) =>
      el(
        'li',
        { class: 'photo-card', testid: 'photo-card' },
        thumb(p.id, p.caption || `Photo ${p.id}`),
        el('span', {
          class: 'item-sub',
          text: `${p.kind === 'team' ? 'Team' : 'Portrait'} ${p.id} · ${p.width} × ${p.height}${p.board ? ' · whiteboard area set' : ''}`,
        }),
        el(
          'div',
          { class: 'photo-actions' },
          el('button', {
            class: 'btn btn-small',
            type: 'button',
            text: 'Whiteboard area…',
            testid: 'pick-board',
            on: { click: () => void pickBoard(p, reload) },
          }),
          el('button', {
            class: 'btn btn-small',
            type: 'button',
            text: 'Use by default',
            on: {
              click: async () => {
                try {
                  await ipc.setSetting('default_photo', String(p.id));
                  toast('Welcomes now come with this photo.', { kind: 'success' });
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
              attrs: { 'aria-label': 'Delete photo' },
              on: {
                click: async () => {
                  try {
                    await ipc.deletePhoto(p.id);
                    await reload();
                  } catch (e) {
                    showError(e);
                  }
                },
              },
            },
            icon('trash', 14),
          ),
        ),
      ),
    ),
  );

  replaceChildren(
    page,
    el('header', { class: 'page-header' }, el('p', { class: 'eyebrow', text: 'Welcome' }), el('h1', { class: 'page-title', text: 'Staff & photos' })),
    el(
      'section',
      { class: 'card' },
      el('h2', { class: 'card-title', text: 'Staff' }),
      form,
      staff.length ? staffList : el('p', { class: 'section-empty', text: 'No staff yet. Add yourself first.' }),
    ),
    el(
      'section',
      { class: 'card' },
      el('h2', { class: 'card-title', text: 'Photos' }),
      drop,
      photos.length ? photoGrid : el('p', { class: 'section-empty', text: 'No photos yet.' }),
    ),
    monthPageSection(),
  );
}

/** Drag a rectangle on the photo: that is where the customer's name is written. */
async function pickBoard(photo: PhotoInfo, reload: () => Promise<void>): Promise<void> {
  const dlg = openDialog({ title: 'Where should the welcome be written?', testid: 'board-dialog', wide: true });
  const img = el('img', { class: 'board-image', alt: 'The photo' });
  const rect = el('div', { class: 'board-rect' });
  const hintId = `board-hint-${photo.id}`;
  // Focusable: the arrow keys place the area too (boardKeys.ts).
  const stage = el(
    'div',
    {
      class: 'board-stage',
      testid: 'board-stage',
      attrs: { tabindex: '0', role: 'group', 'aria-label': 'Whiteboard area on the photo', 'aria-describedby': hintId },
    },
    img,
    rect,
  );
  let start: { x: number; y: number } | null = null;
  let area = photo.board;
  const shownArea = () => {
    if (!area || !img.clientWidth) {
      rect.hidden = true;
      return;
    }
    const s = img.clientWidth / photo.width;
    rect.hidden = false;
    rect.style.left = `${area.x * s}px`;
    rect.style.top = `${area.y * s}px`;
    rect.style.width = `${area.width * s}px`;
    rect.style.height = `${area.height * s}px`;
  };
  const point = (e: PointerEvent) => {
    const r = img.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  stage.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    start = point(e);
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener('pointermove', (e) => {
    if (!start) return;
    area = toImageArea(start, point(e), { width: img.clientWidth, height: img.clientHeight }, photo);
    shownArea();
  });
  stage.addEventListener('pointerup', () => {
    start = null;
  });
  stage.addEventListener('keydown', (e) => {
    const next = nudgeArea(area, e.key, e.shiftKey, photo);
    if (!next) return;
    e.preventDefault();
    area = next;
    shownArea();
  });
  img.addEventListener('load', shownArea);
  try {
    img.src = await ipc.photoDataUrl(photo.id, false);
  } catch (e) {
    showError(e);
  }
  const save = el('button', { class: 'btn btn-primary', type: 'button', text: 'Save area', testid: 'board-save' });
  save.addEventListener('click', async () => {
    if (!area) {
      toast('Drag a rectangle on the photo (or use the arrow keys) first.', { kind: 'info' });
      return;
    }
    try {
      await ipc.setPhotoBoard(photo.id, area);
      dlg.close();
      await reload();
    } catch (e) {
      showError(e);
    }
  });
  dlg.body.append(
    el('p', {
      class: 'muted',
      id: hintId,
      text: 'Drag over the part of the picture where the team could hold up a whiteboard, or use the arrow keys (Shift with an arrow to resize).',
    }),
    stage,
  );
  dlg.footer.append(el('button', { class: 'btn', type: 'button', text: 'Cancel', on: { click: () => dlg.close() } }), save);
}
