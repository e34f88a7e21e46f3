import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ErrorShape, Result } from '../core/errors';
import { contract, isProcedureName } from '../ipc/contract';
import { CALL_CHANNEL, CHANGED_CHANNEL } from './channels';
import type { KometChange } from './preload-api';
import { APP_ORIGIN, isAppUrl } from './security';

export interface IpcDeps {
  /** The composition root's call: validates input against the contract and runs the procedure. */
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  /** The one window whose main frame may call; null while none is open. */
  getWindow(): BrowserWindow | null;
  /** Called after every successful write, e.g. to rebuild the menu when the language changes. */
  afterWrite?(procedure: string): void;
}

const forbidden: ErrorShape = {
  code: 'forbidden',
  message: { sv: 'Anropet kom inte från Komets eget fönster.', en: 'The call did not come from Komet’s own window.' },
};

const internal: ErrorShape = {
  code: 'internal',
  message: {
    sv: 'Ett oväntat fel inträffade. Inget sparades. Försök igen.',
    en: 'An unexpected error occurred. Nothing was saved. Please try again.',
  },
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

export function createCallHandler(deps: IpcDeps) {
  return async (event: IpcMainInvokeEvent, procedure: unknown, input: unknown): Promise<Result<unknown>> => {
    const win = deps.getWindow();
    if (!isTrustedSender(event, win)) {
      console.warn('komet: refused an IPC call from an untrusted frame');
      return { ok: false, error: forbidden };
    }
    let result: Result<unknown>;
    try {
      // The router rejects non-string and unknown names with a typed error.
      result = await deps.call(procedure as string, input);
    } catch (err) {
      console.error(`komet: IPC call failed: ${err instanceof Error ? err.name : typeof err}`);
      return { ok: false, error: internal };
    }
    if (result.ok && isProcedureName(procedure) && contract[procedure].writes) {
      notifyChanged(win, { procedure });
      deps.afterWrite?.(procedure);
    }
    return result;
  };
}

export function notifyChanged(win: BrowserWindow | null, change: KometChange): void {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
  win.webContents.send(CHANGED_CHANNEL, change);
}

/**
 * The only ipcMain registration in the app. Electron itself throws on a second `handle` for the
 * same channel, so a duplicate registration fails loudly at start.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  ipcMain.handle(CALL_CHANNEL, createCallHandler(deps));
}
