import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { contactPhoto, isJpegDataUrl, photoButtons } from './photo';

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  clearMocks();
  document.body.textContent = '';
});

describe('contact photo', () => {
  it('offers Add without a photo and Change/Remove with one', () => {
    expect(photoButtons(false).map((b) => b.label)).toEqual(['Add photo…']);
    expect(photoButtons(true).map((b) => b.action)).toEqual(['change', 'remove']);
  });

  it('shows only JPEG data URLs', () => {
    expect(isJpegDataUrl('data:image/jpeg;base64,/9j/')).toBe(true);
    expect(isJpegDataUrl('javascript:alert(1)')).toBe(false);
    expect(isJpegDataUrl(null)).toBe(false);
    expect(isJpegDataUrl([])).toBe(false);
  });

  it('shows the thumbnail, or the initials when there is none', async () => {
    let photo: string | null = 'data:image/jpeg;base64,/9j/AA==';
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === 'contact_photo_data_url') {
        expect(args).toMatchObject({ id: 7, thumbnail: true });
        return photo;
      }
      if (cmd === 'remove_contact_photo') {
        photo = null;
        return true;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const box = contactPhoto(7, 'AS', 'Ann Smith');
    document.body.appendChild(box);
    await flush();
    expect(box.querySelector('img')?.getAttribute('src')).toBe('data:image/jpeg;base64,/9j/AA==');
    (box.querySelector('[data-testid=contact-photo-remove]') as HTMLButtonElement).click();
    await flush();
    await flush();
    expect(calls).toContain('remove_contact_photo');
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('.avatar')?.textContent).toBe('AS');
    expect(box.querySelector('[data-testid=contact-photo-add]')?.textContent).toBe('Add photo…');
  });
});
