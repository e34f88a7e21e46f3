// Boots src-main/electron/main.ts against the fake Electron and checks the wiring: what happens
// before `ready`, what after, and that the window that appears is the locked-down one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, CHANGED_CHANNEL, CHOOSE_PATH_CHANNEL } from '../../../src-main/electron/channels';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from './fake-electron';

const kometGateModule = path.resolve(import.meta.dirname, '../../../src-main/app/runtime.ts');
const mainModule = '../../../src-main/electron/main';

interface FakeKomet {
  call: ReturnType<typeof vi.fn>;
  close: ReturnType<typeof vi.fn>;
  lock: ReturnType<typeof vi.fn>;
  onLockChange: ReturnType<typeof vi.fn>;
  events: { on: ReturnType<typeof vi.fn> };
  /** Test control: what the gate tells its listeners when the lock state changes. */
  changed(procedure: string): void;
}

let electron: FakeElectron;
let komet: FakeKomet;
let createGate: ReturnType<typeof vi.fn>;

async function boot(configure: (fake: FakeElectron) => void = () => undefined): Promise<void> {
  vi.resetModules();
  electron = createFakeElectron();
  configure(electron);
  const listeners: ((change: { procedure: string }) => void)[] = [];
  const lockListeners: (() => void)[] = [];
  komet = {
    // Like the runtime, the fake announces its own writes on its change feed.
    call: vi.fn(async (procedure: string) => {
      if (procedure === 'settings.get') return { ok: true, value: { language: 'sv' } };
      listeners.forEach((l) => l({ procedure }));
      return { ok: true, value: { id: '1' } };
    }),
    close: vi.fn(),
    lock: vi.fn(),
    onLockChange: vi.fn((listener: () => void) => {
      lockListeners.push(listener);
      return () => undefined;
    }),
    events: {
      on: vi.fn((listener: (change: { procedure: string }) => void) => {
        listeners.push(listener);
        return () => undefined;
      }),
    },
    changed: (procedure) => {
      listeners.forEach((l) => l({ procedure }));
      lockListeners.forEach((l) => l());
    },
  };
  createGate = vi.fn(() => komet);
  vi.doMock('electron', () => electron);
  // The vault gate is replaced so these tests exercise the shell only.
  vi.doMock(kometGateModule, () => ({ createRuntime: createGate }));
  await import(mainModule);
}

async function ready(): Promise<FakeBrowserWindow> {
  electron.app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
  return FakeBrowserWindow.created[0]!;
}

beforeEach(() => {
  delete process.env.KOMET_DATA_DIR;
});

afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock(kometGateModule);
  delete process.env.KOMET_DATA_DIR;
});

describe('Electron main process', () => {
  it('names the app, sets paths, grants scheme privileges and the sandbox before ready', async () => {
    process.env.KOMET_DATA_DIR = '/tmp/komet-test-data';
    await boot();
    expect(electron.app.name).toBe('Komet');
    expect(electron.app.getPath('userData')).toBe(path.resolve('/tmp/komet-test-data'));
    expect(electron.app.getPath('sessionData')).toBe(path.join(path.resolve('/tmp/komet-test-data'), 'chromium'));
    expect(electron.protocol.privileged).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(electron.app.sandboxEnabled).toBe(true);
    // The native date fields are Swedish (åååå-mm-dd) whatever the system's language.
    expect(electron.app.switches.get('lang')).toBe('sv-SE');
    expect(electron.app.count('web-contents-created')).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('uses the per-user Komet folder when no override is set', async () => {
    await boot();
    electron.app.becomeReady();
    await vi.waitFor(() => expect(createGate).toHaveBeenCalled());
    expect(createGate).toHaveBeenCalledWith({ dataDir: path.join('/fake/appData', 'Komet'), shell: 'electron' });
  });

  it('opens one locked-down window on app://komet after ready', async () => {
    await boot();
    const win = await ready();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loaded).toEqual(['app://komet/index.html']);
    expect([...electron.protocol.handled.keys()]).toEqual(['app']);
    expect(electron.session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(electron.session.defaultSession.permissionCheckHandler?.(null, 'media', 'app://komet', {})).toBe(false);
    expect(electron.session.defaultSession.count('will-download')).toBe(1);
    expect(electron.Menu.applicationMenu).toBeDefined();
  });

  it('registers the call handler, which calls the app and announces writes, and the file dialogs, nothing else', async () => {
    await boot();
    const win = await ready();
    expect([...electron.ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL, CHOOSE_PATH_CHANNEL]);
    expect(electron.ipcMain.on).not.toHaveBeenCalled();

    const handler = electron.ipcMain.handlers.get(CALL_CHANNEL)!;
    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await expect(handler(fromWindow, 'units.create', { name: 'Kista' })).resolves.toEqual({ ok: true, value: { id: '1' } });
    expect(komet.call).toHaveBeenCalledWith('units.create', { name: 'Kista' });
    expect(win.webContents.sent).toContainEqual({ channel: CHANGED_CHANNEL, payload: { procedure: 'units.create' } });

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const frame = win.webContents.subFrame('app://komet/index.html');
    const refused = (await handler({ sender: win.webContents, senderFrame: frame }, 'units.delete', { id: '1' })) as { ok: boolean };
    expect(refused.ok).toBe(false);
    expect(komet.call).not.toHaveBeenCalledWith('units.delete', expect.anything());
    warn.mockRestore();
  });

  it('shows the export save dialog over the window, starting in the private exports folder of the data folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-main-'));
    process.env.KOMET_DATA_DIR = dataDir;
    try {
      await boot();
      const win = await ready();
      electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/eva/fou.age' });
      const handler = electron.ipcMain.handlers.get(CHOOSE_PATH_CHANNEL)!;
      const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
      await expect(handler(fromWindow, 'exportFile')).resolves.toEqual({ ok: true, value: '/home/eva/fou.age' });
      const [parent, options] = electron.dialog.showSaveDialog.mock.calls[0]!;
      expect(parent).toBe(win);
      expect(path.dirname(options.defaultPath as string)).toBe(path.join(dataDir, 'exports'));
      expect(options.title).toBe('Spara exporten');
      expect(fs.statSync(path.join(dataDir, 'exports')).mode & 0o777).toBe(0o700);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('focuses the existing window when a second instance starts', async () => {
    await boot();
    const win = await ready();
    win.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(win.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('quits at once, opening nothing, when another instance holds the lock', async () => {
    await boot((fake) => {
      fake.app.lockGranted = false;
    });
    expect(electron.app.quit).toHaveBeenCalled();
    electron.app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(createGate).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('shows the bilingual message and exits when the database cannot be opened', async () => {
    await boot();
    // The copy main.ts loaded after resetModules, so `instanceof` in main sees the same class.
    const { AppError } = await import('../../../src-main/core/errors');
    createGate.mockImplementation(() => {
      throw new AppError('database_too_new', { sv: 'Databasen är för ny.', en: 'The database is too new.' });
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    electron.app.becomeReady();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Komet', expect.stringContaining('Databasen är för ny.'));
    expect(FakeBrowserWindow.created).toHaveLength(0);
    spy.mockRestore();
  });

  it('makes the quit backup before windows close, and closes the database when the app quits', async () => {
    await boot();
    await ready();
    electron.app.emit('before-quit');
    expect(komet.close).toHaveBeenCalledWith({ backup: true });
    electron.app.emit('will-quit');
    expect(komet.close).toHaveBeenCalledTimes(2);
  });

  it('locks when the screen locks or the laptop sleeps, and tells the window to re-read', async () => {
    await boot();
    const win = await ready();
    electron.powerMonitor.emit('lock-screen');
    expect(komet.lock).toHaveBeenCalledTimes(1);
    electron.powerMonitor.emit('suspend');
    expect(komet.lock).toHaveBeenCalledTimes(2);
    komet.changed('vault.status');
    expect(win.webContents.sent).toContainEqual({ channel: CHANGED_CHANNEL, payload: { procedure: 'vault.status' } });
  });
});
