// The whiteboard area from the keyboard, for those who cannot drag: the arrow keys move it and
// Shift with an arrow makes it wider/narrower or taller/shorter, by a fiftieth of the photo.
// The first arrow press places an area in the middle of the photo.
import type { BoardArea } from '../api/bindings';

/** Steps across the photo for one press. */
const STEPS = 50;
/** The smallest area the keys shrink to, as a share of the photo. */
const MIN_SHARE = 0.05;

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

/** The area after a key press, or null when the key is not one of ours. */
export function nudgeArea(area: BoardArea | null, key: string, shift: boolean, photo: { width: number; height: number }): BoardArea | null {
  if (!ARROWS.has(key)) return null;
  if (!area) {
    const width = Math.round(photo.width * 0.4);
    const height = Math.round(photo.height * 0.25);
    return { x: Math.round((photo.width - width) / 2), y: Math.round((photo.height - height) / 2), width, height };
  }
  const dx = Math.max(1, Math.round(photo.width / STEPS));
  const dy = Math.max(1, Math.round(photo.height / STEPS));
  let { x, y, width, height } = area;
  if (shift) {
    if (key === 'ArrowRight') width += dx;
    if (key === 'ArrowLeft') width -= dx;
    if (key === 'ArrowDown') height += dy;
    if (key === 'ArrowUp') height -= dy;
    width = Math.max(Math.round(photo.width * MIN_SHARE), Math.min(photo.width - x, width));
    height = Math.max(Math.round(photo.height * MIN_SHARE), Math.min(photo.height - y, height));
  } else {
    if (key === 'ArrowRight') x += dx;
    if (key === 'ArrowLeft') x -= dx;
    if (key === 'ArrowDown') y += dy;
    if (key === 'ArrowUp') y -= dy;
    x = Math.max(0, Math.min(photo.width - width, x));
    y = Math.max(0, Math.min(photo.height - height, y));
  }
  return { x, y, width, height };
}
