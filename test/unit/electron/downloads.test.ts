import type { DownloadItem } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardDownloads, isAppDownload, safeDownloadName } from '../../../src-main/electron/downloads';
import { FakeEmitter } from './fake-electron';

/** Fires `will-download` the way Electron does and reports what the handler did with the item. */
function download(url: string, fileName: string) {
  const ses = new FakeEmitter();
  guardDownloads(ses as never, () => '/home/lea/Hämtningar');
  const event = { preventDefault: vi.fn() };
  const item = { getURL: () => url, getFilename: () => fileName, setSaveDialogOptions: vi.fn() };
  ses.emit('will-download', event, item as unknown as DownloadItem, {});
  return {
    cancelled: event.preventDefault.mock.calls.length > 0,
    dialog: item.setSaveDialogOptions.mock.calls[0]?.[0] as { defaultPath?: string } | undefined,
  };
}

describe('downloads in the Electron shell', () => {
  it('asks where to save a file the page made, starting in the downloads folder under its name', () => {
    const result = download('blob:app://komet/5c1f0e4e-2b7a-4c55-9d7e-0d1f3a2b4c5d', 'komet-KOMET-Skärholmen.ics');
    expect(result.cancelled).toBe(false);
    expect(result.dialog).toEqual({ defaultPath: '/home/lea/Hämtningar/komet-KOMET-Skärholmen.ics' });
  });

  it('never fetches anything from another origin or scheme to disk', () => {
    for (const url of [
      'https://evil.example/payload.exe',
      'blob:https://evil.example/1234',
      'file:///etc/passwd',
      'blob:app://komet.evil/1',
      'data:text/plain,hej',
    ]) {
      const result = download(url, 'x.ics');
      expect(result.cancelled, url).toBe(true);
      expect(result.dialog, url).toBeUndefined();
      expect(isAppDownload(url), url).toBe(false);
    }
  });

  it('keeps a suggested name inside the chosen folder', () => {
    expect(safeDownloadName('../../.bashrc')).toBe('.bashrc');
    expect(safeDownloadName('..\\..\\Windows\\evil.ics')).toBe('evil.ics');
    expect(safeDownloadName('rapport:2026?.pdf')).toBe('rapport-2026-.pdf');
    expect(safeDownloadName('..')).toBe('komet-fil');
    expect(safeDownloadName('')).toBe('komet-fil');
  });
});
