import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, CHANGED_CHANNEL, CHOOSE_PATH_CHANNEL, PATH_PURPOSES } from '../../../src-main/electron/channels';
import type { KometApi } from '../../../src-main/electron/preload-api';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

let electron: FakeElectron;
let api: KometApi;

// The mocked module is created once per file; its recorded state is cleared and the preload
// re-run before each test.
beforeEach(async () => {
  electron = (await import('electron')) as unknown as FakeElectron;
  electron.contextBridge.exposed.clear();
  electron.ipcRenderer.listeners.clear();
  electron.ipcRenderer.invoke.mockClear();
  vi.resetModules();
  await import('../../../src-main/electron/preload');
  api = electron.contextBridge.exposed.get('komet') as KometApi;
});

describe('preload bridge', () => {
  it('exposes exactly `komet` with `call`, `onChanged` and `choosePath`, nothing of Electron', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['komet']);
    expect(Object.keys(api).sort()).toEqual(['call', 'choosePath', 'onChanged']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('forwards calls on the one call channel', async () => {
    const result = await api.call('programmes.list', { includeArchived: true });
    expect(result).toEqual({ ok: true, value: 'from-main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'programmes.list', { includeArchived: true });
  });

  it('rejects non-string, empty and oversized procedure names before sending', async () => {
    for (const bad of [42, null, undefined, { toString: () => 'programmes.list' }, ['programmes.list'], '', 'x'.repeat(101)]) {
      const result = await api.call(bad as string, {});
      expect(result, String(bad)).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('relays change notifications without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.onChanged(listener);
    const event = { sender: electron.ipcRenderer };
    electron.ipcRenderer.emit(CHANGED_CHANNEL, event, { procedure: 'groups.create' });
    expect(listener.mock.calls).toEqual([[{ procedure: 'groups.create' }]]);

    unsubscribe();
    expect(electron.ipcRenderer.count(CHANGED_CHANNEL)).toBe(0);
    electron.ipcRenderer.emit(CHANGED_CHANNEL, event, { procedure: 'groups.update' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('asks main for a file dialog by purpose on its own channel, and for nothing else', async () => {
    for (const purpose of PATH_PURPOSES) {
      await expect(api.choosePath(purpose)).resolves.toEqual({ ok: true, value: 'from-main' });
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHOOSE_PATH_CHANNEL, purpose);
    }
    electron.ipcRenderer.invoke.mockClear();
    for (const bad of ['', 'anything', '/etc/passwd', 42, null, { toString: () => 'exportFile' }]) {
      const result = await api.choosePath(bad as never);
      expect(result, String(bad)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses a non-function listener', () => {
    expect(() => api.onChanged('alert(1)' as never)).toThrow(TypeError);
    expect(electron.ipcRenderer.count(CHANGED_CHANNEL)).toBe(0);
  });
});
