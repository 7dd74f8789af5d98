import { describe, expect, it } from 'vitest';
import { nudgeArea } from './boardKeys';

const photo = { width: 1000, height: 800 };

describe('the whiteboard area from the keyboard', () => {
  it('places an area in the middle on the first arrow, and ignores other keys', () => {
    expect(nudgeArea(null, 'ArrowRight', false, photo)).toEqual({ x: 300, y: 300, width: 400, height: 200 });
    expect(nudgeArea(null, 'Enter', false, photo)).toBeNull();
  });

  it('moves by a fiftieth of the photo and stops at its edges', () => {
    const area = { x: 300, y: 300, width: 400, height: 200 };
    expect(nudgeArea(area, 'ArrowRight', false, photo)).toEqual({ ...area, x: 320 });
    expect(nudgeArea(area, 'ArrowUp', false, photo)).toEqual({ ...area, y: 284 });
    expect(nudgeArea({ ...area, x: 590 }, 'ArrowRight', false, photo)).toEqual({ ...area, x: 600 });
    expect(nudgeArea({ ...area, y: 5 }, 'ArrowUp', false, photo)).toEqual({ ...area, y: 0 });
  });

  it('resizes with Shift, never past the photo nor below a twentieth of it', () => {
    const area = { x: 300, y: 300, width: 400, height: 200 };
    expect(nudgeArea(area, 'ArrowRight', true, photo)).toEqual({ ...area, width: 420 });
    expect(nudgeArea(area, 'ArrowDown', true, photo)).toEqual({ ...area, height: 216 });
    expect(nudgeArea({ ...area, width: 690 }, 'ArrowRight', true, photo)).toEqual({ ...area, width: 700 });
    expect(nudgeArea({ ...area, width: 55 }, 'ArrowLeft', true, photo)).toEqual({ ...area, width: 50 });
  });
});
