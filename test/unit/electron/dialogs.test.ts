import type { BrowserWindow, Dialog, IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PATH_PURPOSES } from '../../../src-main/electron/channels';
import { createChoosePathHandler } from '../../../src-main/electron/dialogs';
import { createFakeElectron, FakeBrowserWindow, type FakeFrame, FakeWebContents } from './fake-electron';

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const folder = path.join('/data', 'Komet', 'exports');

function setup(language: 'sv' | 'en' = 'sv') {
  const { dialog } = createFakeElectron();
  const win = new FakeBrowserWindow({});
  const handler = createChoosePathHandler({
    dialog: dialog as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
    getWindow: () => win as unknown as BrowserWindow,
    language: async () => language,
    exportsFolder: () => folder,
    now: () => new Date(2026, 2, 5, 14, 7, 9),
  });
  const ask = (purpose: unknown, sender: FakeWebContents = win.webContents, frame: FakeFrame | null = win.webContents.mainFrame) =>
    handler({ sender, senderFrame: frame } as unknown as IpcMainInvokeEvent, purpose);
  return { dialog, win, ask };
}

describe('native file dialogs', () => {
  it('shows the save dialog for the export, parented to the window, starting in the exports folder with a dated name', async () => {
    const { dialog, win, ask } = setup();
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/eva/FoU/mars.age' });
    expect(await ask('exportFile')).toEqual({ ok: true, value: '/home/eva/FoU/mars.age' });
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showSaveDialog.mock.calls[0]!;
    expect(parent).toBe(win);
    expect(options).toMatchObject({
      title: 'Spara exporten',
      defaultPath: path.join(folder, 'komet-export-20260305-140709.age'),
      filters: [{ extensions: ['age'] }],
    });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('shows the save dialog for a new key file', async () => {
    const { dialog, ask } = setup('en');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/eva/nyckel.txt' });
    expect(await ask('keyFile')).toEqual({ ok: true, value: '/home/eva/nyckel.txt' });
    expect(dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({
      title: 'Save the key file',
      defaultPath: path.join(folder, 'komet-nyckel-20260305-140709.txt'),
      filters: [{ extensions: ['txt'] }],
    });
  });

  it('shows open dialogs for the package, the key file and the folder to unpack into', async () => {
    const { dialog, win, ask } = setup();
    const chosen = { exportPackage: '/media/usb/fou.age', identityFile: '/home/eva/nyckel.txt', openedFolder: '/home/eva/uppackad' };
    for (const [purpose, file] of Object.entries(chosen)) {
      dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
      expect(await ask(purpose), purpose).toEqual({ ok: true, value: file });
    }
    const calls = dialog.showOpenDialog.mock.calls;
    expect(calls.map(([parent]) => parent)).toEqual([win, win, win]);
    expect(calls[0]![1]).toMatchObject({ title: 'Välj exportfilen', defaultPath: folder, properties: ['openFile'] });
    expect((calls[0]![1].filters as { extensions: string[] }[])[0]!.extensions).toEqual(['age']);
    expect(calls[1]![1]).toMatchObject({ title: 'Välj nyckelfilen', defaultPath: folder, properties: ['openFile'] });
    expect(calls[2]![1]).toMatchObject({ title: 'Välj mapp att packa upp i', defaultPath: folder });
    expect(calls[2]![1].properties).toContain('openDirectory');
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('answers null when the user cancels', async () => {
    const { ask } = setup();
    for (const purpose of PATH_PURPOSES) expect(await ask(purpose), purpose).toEqual({ ok: true, value: null });
  });

  it('shows nothing for a subframe, another page, a foreign URL or a closed window', async () => {
    const { dialog, win, ask } = setup();
    const other = new FakeWebContents('app://komet/index.html');
    const refusals = [
      await ask('exportFile', win.webContents, win.webContents.subFrame('app://komet/index.html')),
      await ask('exportFile', other, other.mainFrame),
      await ask('exportFile', win.webContents, null),
    ];
    win.webContents.mainFrame.url = 'https://evil.example/';
    refusals.push(await ask('identityFile'));
    win.webContents.mainFrame.url = 'app://komet/index.html';
    win.destroyed = true;
    refusals.push(await ask('identityFile'));
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses any purpose but the named ones, and options in their place', async () => {
    const { dialog, ask } = setup();
    for (const bad of ['', 'exportfile', 'toString', '__proto__', 42, null, { title: 'x' }, ['exportFile']]) {
      expect(await ask(bad), String(bad)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('turns a failing dialog into a bilingual error', async () => {
    const { dialog, ask } = setup();
    dialog.showOpenDialog.mockRejectedValueOnce(new Error('/home/eva/secret path'));
    const result = await ask('exportPackage');
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) {
      expect(result.error.message.sv).toMatch(/Fildialogen/);
      expect(JSON.stringify(result.error)).not.toContain('secret');
    }
  });
});
