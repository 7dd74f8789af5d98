// Reading a picture the owner chose (file picker or drag and drop) as base64 for the core.

/** Pictures larger than this are refused here, before they are read (the core checks again). */
export const MAX_PICTURE_BYTES = 40 * 1024 * 1024;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

export async function readPicture(file: File): Promise<string> {
  if (file.size > MAX_PICTURE_BYTES) {
    throw {
      code: 'photoTooLarge',
      message: `The file is ${Math.round(file.size / 1_000_000)} MB; pictures up to 40 MB can be imported. Export a smaller copy from your photo app and import that.`,
      fields: [],
    };
  }
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Maps a rectangle dragged on the shown picture to pixels of the stored one. */
export function toImageArea(
  start: { x: number; y: number },
  end: { x: number; y: number },
  shown: { width: number; height: number },
  stored: { width: number; height: number },
): { x: number; y: number; width: number; height: number } {
  const sx = stored.width / shown.width;
  const sy = stored.height / shown.height;
  const clampX = (v: number) => Math.max(0, Math.min(shown.width, v));
  const clampY = (v: number) => Math.max(0, Math.min(shown.height, v));
  const x0 = clampX(Math.min(start.x, end.x));
  const x1 = clampX(Math.max(start.x, end.x));
  const y0 = clampY(Math.min(start.y, end.y));
  const y1 = clampY(Math.max(start.y, end.y));
  const x = Math.round(x0 * sx);
  const y = Math.round(y0 * sy);
  return {
    x,
    y,
    width: Math.min(stored.width - x, Math.round((x1 - x0) * sx)),
    height: Math.min(stored.height - y, Math.round((y1 - y0) * sy)),
  };
}
