import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src-main/core/errors';
import { CALL_CHANNEL, CHANGED_CHANNEL } from '../../../src-main/electron/channels';
import { createCallHandler, forwardChanges, isTrustedSender, registerIpc } from '../../../src-main/electron/ipc';
import { createTestApp, type TestApp } from '../../helpers/db';
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
  const handler = createCallHandler({ call, getWindow: () => win as unknown as BrowserWindow });
  const invoke = (sender: FakeWebContents, frame: FakeFrame | null, procedure: unknown, input: unknown = {}) =>
    handler({ sender, senderFrame: frame } as unknown as IpcMainInvokeEvent, procedure, input);
  return { win, call, invoke };
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
  // The runtime decides what changed; the shell forwards its events. A real database answers here.
  function wired() {
    const t = createTestApp();
    apps.push(t);
    createFakeElectron();
    const win = new FakeBrowserWindow({});
    const afterWrite = vi.fn();
    forwardChanges(
      t.app.events,
      () => win as unknown as BrowserWindow,
      (change) => afterWrite(change.procedure),
    );
    const handler = createCallHandler({ call: (p, i) => t.app.call(p, i), getWindow: () => win as unknown as BrowserWindow });
    const invoke = (procedure: string, input: unknown) =>
      handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame } as unknown as IpcMainInvokeEvent, procedure, input);
    return { win, afterWrite, invoke };
  }
  const apps: TestApp[] = [];
  afterEach(() => {
    for (const t of apps.splice(0)) t.close();
  });
  const programme = { name: 'P', code: 'P1', audience: 'parents', sessionCount: 5, sessionLengthMinutes: 120 };

  it('tells the window after a successful write', async () => {
    const { win, afterWrite, invoke } = wired();
    await invoke('programmes.create', programme);
    expect(win.webContents.sent).toEqual([{ channel: CHANGED_CHANNEL, payload: { source: 'local', procedure: 'programmes.create', entities: ['programme'] } }]);
    expect(afterWrite).toHaveBeenCalledWith('programmes.create');
  });

  it('stays quiet after reads and failed writes', async () => {
    const ok = wired();
    await ok.invoke('groups.list', {});
    expect(ok.win.webContents.sent).toEqual([]);

    const failed = wired();
    const result = await failed.invoke('programmes.create', {});
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
