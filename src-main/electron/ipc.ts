import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ErrorShape, Result } from '../core/errors';
import { contract, isProcedureName } from '../contract';
import { CALL_CHANNEL, CHANGED_CHANNEL, CHOOSE_PATH_CHANNEL } from './channels';
import { createChoosePathHandler, type DialogDeps } from './dialogs';
import type { KometChange } from './preload-api';
import { forbidden, isTrustedSender } from './sender';

export { isTrustedSender };

export interface IpcDeps {
  /** The composition root's call: validates input against the contract and runs the procedure. */
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  /** The one window whose main frame may call; null while none is open. */
  getWindow(): BrowserWindow | null;
  /** Called after every successful write, e.g. to rebuild the menu when the language changes. */
  afterWrite?(procedure: string): void;
  /** The native file dialogs; without them the channel is not registered. */
  dialogs?: Omit<DialogDeps, 'getWindow'>;
}

const internal: ErrorShape = {
  code: 'internal',
  message: {
    sv: 'Ett oväntat fel inträffade. Inget sparades. Försök igen.',
    en: 'An unexpected error occurred. Nothing was saved. Please try again.',
  },
};

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
 * The only ipcMain registrations in the app: procedure calls and the file dialogs. Electron itself
 * throws on a second `handle` for the same channel, so a duplicate registration fails loudly at
 * start.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  ipcMain.handle(CALL_CHANNEL, createCallHandler(deps));
  if (deps.dialogs) ipcMain.handle(CHOOSE_PATH_CHANNEL, createChoosePathHandler({ ...deps.dialogs, getWindow: deps.getWindow }));
}
