import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src-main/core/errors';
import { CALL_CHANNEL, CHANGED_CHANNEL } from '../../../src-main/electron/channels';
import { createCallHandler, isTrustedSender, registerIpc } from '../../../src-main/electron/ipc';
import { createFakeElectron, FakeBrowserWindow, type FakeFrame, FakeWebContents } from './fake-electron';

// Refusals are logged by design; keep the test output readable.
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function setup(callResult: Result<unknown> = { ok: true, value: { id: 'x' } }) {
  createFakeElectron();
  const win = new FakeBrowserWindow({});
  const call = vi.fn(async (_procedure: string, _input: unknown) => callResult);
  const afterWrite = vi.fn();
  const handler = createCallHandler({ call, getWindow: () => win as unknown as BrowserWindow, afterWrite });
  const invoke = (sender: FakeWebContents, frame: FakeFrame | null, procedure: unknown, input: unknown = {}) =>
    handler({ sender, senderFrame: frame } as unknown as IpcMainInvokeEvent, procedure, input);
  return { win, call, afterWrite, invoke };
}

describe('IPC sender check', () => {
  it('accepts the main frame of our window on our origin', async () => {
    const { win, call, invoke } = setup();
    const result = await invoke(win.webContents, win.webContents.mainFrame, 'programmes.list', {});
    expect(result).toEqual({ ok: true, value: { id: 'x' } });
    expect(call).toHaveBeenCalledWith('programmes.list', {});
  });

  it('refuses a main frame that navigated to a foreign URL', async () => {
    const { win, call, invoke } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://komet.evil/index.html', 'about:blank', 'data:text/html,x']) {
      win.webContents.mainFrame.url = url;
      const result = await invoke(win.webContents, win.webContents.mainFrame, 'programmes.list');
      expect(result.ok, url).toBe(false);
      expect(!result.ok && result.error.code).toBe('forbidden');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses a subframe even when it shows our own origin', async () => {
    const { win, call, invoke } = setup();
    const result = await invoke(win.webContents, win.webContents.subFrame('app://komet/index.html'), 'programmes.list');
    expect(!result.ok && result.error.code).toBe('forbidden');
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses another webContents, a missing frame, a detached frame and a closed window', async () => {
    const { win, call, invoke } = setup();
    const other = new FakeWebContents('app://komet/index.html');
    expect((await invoke(other, other.mainFrame, 'programmes.list')).ok).toBe(false);
    // Our sender but a frame from elsewhere (same URL, different frame).
    expect((await invoke(win.webContents, other.mainFrame, 'programmes.list')).ok).toBe(false);
    expect((await invoke(win.webContents, null, 'programmes.list')).ok).toBe(false);
    win.webContents.mainFrame.detached = true;
    expect((await invoke(win.webContents, win.webContents.mainFrame, 'programmes.list')).ok).toBe(false);
    win.webContents.mainFrame.detached = false;
    win.destroyed = true;
    expect((await invoke(win.webContents, win.webContents.mainFrame, 'programmes.list')).ok).toBe(false);
    expect(call).not.toHaveBeenCalled();
  });

  it('holds each check on its own: a foreign sender carrying our frame, a child claiming our frame id', async () => {
    const { win, call, invoke } = setup();
    const other = new FakeWebContents('app://komet/index.html');
    expect((await invoke(other, win.webContents.mainFrame, 'programmes.list')).ok).toBe(false);
    const child = { ...win.webContents.mainFrame, parent: win.webContents.mainFrame };
    expect((await invoke(win.webContents, child, 'programmes.list')).ok).toBe(false);
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses every sender while no window is open', () => {
    const contents = new FakeWebContents();
    expect(isTrustedSender({ sender: contents, senderFrame: contents.mainFrame } as unknown as IpcMainInvokeEvent, null)).toBe(false);
  });
});

describe('change notifications', () => {
  it('tells the window after a successful write', async () => {
    const { win, afterWrite, invoke } = setup();
    await invoke(win.webContents, win.webContents.mainFrame, 'programmes.create', { name: 'x' });
    expect(win.webContents.sent).toEqual([{ channel: CHANGED_CHANNEL, payload: { procedure: 'programmes.create' } }]);
    expect(afterWrite).toHaveBeenCalledWith('programmes.create');
  });

  it('stays quiet after reads and failed writes', async () => {
    const ok = setup();
    await ok.invoke(ok.win.webContents, ok.win.webContents.mainFrame, 'groups.list', {});
    expect(ok.win.webContents.sent).toEqual([]);

    const failed = setup({ ok: false, error: { code: 'validation', message: { sv: 'x', en: 'x' } } });
    const result = await failed.invoke(failed.win.webContents, failed.win.webContents.mainFrame, 'programmes.create', {});
    expect(result.ok).toBe(false);
    expect(failed.win.webContents.sent).toEqual([]);
    expect(failed.afterWrite).not.toHaveBeenCalled();
  });

  it('turns a throwing call into a typed internal error without its text', async () => {
    const { win, call, invoke } = setup();
    call.mockRejectedValueOnce(new Error('Anna Andersson 19800101-0000'));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await invoke(win.webContents, win.webContents.mainFrame, 'programmes.create', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('Anna');
    expect(JSON.stringify(spy.mock.calls)).not.toContain('Anna');
    spy.mockRestore();
  });
});

describe('registration', () => {
  it('registers exactly one handler, on the call channel, and refuses a second', () => {
    const { ipcMain } = createFakeElectron();
    const deps = { call: vi.fn(), getWindow: () => null };
    registerIpc(ipcMain as unknown as IpcMain, deps);
    expect([...ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL]);
    expect(() => registerIpc(ipcMain as unknown as IpcMain, deps)).toThrow(/second handler/);
  });
});
