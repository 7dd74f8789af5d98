import { describe, expect, it } from 'vitest';
import { bytesToBase64, toImageArea } from './files';

describe('bytesToBase64', () => {
  it('encodes bytes as standard base64, also past one chunk', () => {
    expect(bytesToBase64(new Uint8Array([0xff, 0xd8, 0xff]))).toBe('/9j/');
    const big = new Uint8Array(0x8000 * 2 + 3).fill(65);
    expect(atob(bytesToBase64(big)).length).toBe(big.length);
  });
});

describe('toImageArea', () => {
  it('scales a dragged rectangle to stored pixels, whichever way it was dragged', () => {
    const area = toImageArea({ x: 300, y: 200 }, { x: 100, y: 150 }, { width: 400, height: 300 }, { width: 2048, height: 1536 });
    expect(area).toEqual({ x: 512, y: 768, width: 1024, height: 256 });
  });
  it('keeps the rectangle inside the picture when dragged past its edge', () => {
    const area = toImageArea({ x: 350, y: 250 }, { x: 900, y: 900 }, { width: 400, height: 300 }, { width: 800, height: 600 });
    expect(area).toEqual({ x: 700, y: 500, width: 100, height: 100 });
  });
});
