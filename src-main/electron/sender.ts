import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { ErrorShape } from '../core/errors';
import { APP_ORIGIN, isAppUrl } from './security';

export const forbidden: ErrorShape = {
  code: 'forbidden',
  message: { sv: 'Anropet kom inte från Komets eget fönster.', en: 'The call did not come from Komet’s own window.' },
};

/**
 * Only the top-level frame of our own window, showing our own origin, may call. Subframes, other
 * webContents (devtools, anything opened later) and pages that navigated away are refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || !main || frame.detached) return false;
  if (frame.parent !== null) return false;
  if (frame.frameTreeNodeId !== main.frameTreeNodeId || frame.processId !== main.processId) return false;
  return isAppUrl(frame.url) && frame.url.startsWith(`${APP_ORIGIN}/`);
}
