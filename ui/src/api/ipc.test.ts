import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import * as ipc from './ipc';

afterEach(() => clearMocks());

describe('ipc', () => {
  it('sends camelCase arguments under the command name', async () => {
    let seen: { cmd: string; args: unknown } | null = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { id: 9, contactId: 3, kind: 'call', happenedOn: '2026-11-23', note: 'hi', handledBy: '', resolved: false };
    });
    const tp = await ipc.logTouchpoint(3, { kind: 'call', happenedOn: '2026-11-23', note: 'hi', handledBy: '' });
    expect(tp.id).toBe(9);
    expect(seen).toEqual({
      cmd: 'log_touchpoint',
      args: { contactId: 3, touchpoint: { kind: 'call', happenedOn: '2026-11-23', note: 'hi', handledBy: '' }, promise: null },
    });
  });

  it('turns a rejected call into an AppError with fields', async () => {
    mockIPC(() => {
      throw { code: 'invalid', message: 'Please check the form.', fields: [{ field: 'emails.0', message: 'Not an email address.' }] };
    });
    await expect(ipc.createContact({} as never)).rejects.toEqual({
      code: 'invalid',
      message: 'Please check the form.',
      fields: [{ field: 'emails.0', message: 'Not an email address.' }],
    });
  });

  it('turns a plain string error into an AppError', async () => {
    mockIPC(() => {
      throw 'database is locked';
    });
    await expect(ipc.today()).rejects.toEqual({ code: 'unknown', message: 'database is locked', fields: [] });
  });

  it('fills in missing fields', () => {
    expect(ipc.toAppError({ code: 'notFound', message: 'Gone' })).toEqual({ code: 'notFound', message: 'Gone', fields: [] });
  });
});
