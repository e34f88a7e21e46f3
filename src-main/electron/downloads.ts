import path from 'node:path';
import type { DownloadItem, Session } from 'electron';
import { APP_ORIGIN } from './security';

/**
 * Only files the renderer made itself (reports, calendar files) may be saved: they are blob URLs
 * of our own origin. Anything else a link could point at is never fetched to disk.
 */
export function isAppDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

/** The name the page suggested, without any folder part a crafted name could smuggle in. */
export function safeDownloadName(suggested: string): string {
  const base = [...path.basename(suggested.replaceAll('\\', '/'))].map((ch) => (ch < ' ' || '<>:"|?*'.includes(ch) ? '-' : ch)).join('');
  return base === '' || base === '.' || base === '..' ? 'komet-fil' : base;
}

/**
 * A download always asks where to save, starting in the user's downloads folder under the name
 * the page gave it, so a file about a group never lands somewhere the user did not choose.
 */
export function guardDownloads(ses: Pick<Session, 'on'>, downloadsFolder: () => string): void {
  ses.on('will-download', (event: { preventDefault(): void }, item: DownloadItem) => {
    if (!isAppDownload(item.getURL())) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: path.join(downloadsFolder(), safeDownloadName(item.getFilename())) });
  });
}
