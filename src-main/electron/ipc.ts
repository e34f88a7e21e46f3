import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../core/errors';
import type { ChangeEvent } from '../contract';
import { commonErrors } from '../contract/errors';
import { CALL_CHANNEL, CHANGED_CHANNEL, CHOOSE_PATH_CHANNEL } from './channels';
import { createChoosePathHandler, type DialogDeps } from './dialogs';
import { forbidden, isTrustedSender } from './sender';

export { isTrustedSender };

export interface IpcDeps {
  /** The runtime's call: validates input against the contract and runs the procedure. */
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  /** The one window whose main frame may call; null while none is open. */
  getWindow(): BrowserWindow | null;
  /** The native file dialogs; without them the channel is not registered. */
  dialogs?: Omit<DialogDeps, 'getWindow'>;
}

export function createCallHandler(deps: IpcDeps) {
  return async (event: IpcMainInvokeEvent, procedure: unknown, input: unknown): Promise<Result<unknown>> => {
    const win = deps.getWindow();
    if (!isTrustedSender(event, win)) {
      console.warn('komet: refused an IPC call from an untrusted frame');
      return { ok: false, error: forbidden };
    }
    try {
      // The router rejects non-string and unknown names with a typed error.
      return await deps.call(procedure as string, input);
    } catch (err) {
      console.error(`komet: IPC call failed: ${err instanceof Error ? err.name : typeof err}`);
      return { ok: false, error: commonErrors.internal };
    }
  };
}

/**
 * Passes every change event of the runtime to the window (the runtime, not this shell, decides
 * what changed); `also` hears each one after the window (the menu follows the language).
 */
export function forwardChanges(
  feed: { on(listener: (change: ChangeEvent) => void): () => void },
  getWindow: () => BrowserWindow | null,
  also?: (change: ChangeEvent) => void,
): () => void {
  return feed.on((change) => {
    notifyChanged(getWindow(), change);
    also?.(change);
  });
}

/** Passes one of the runtime's change events to the window, if it is still there. */
export function notifyChanged(win: BrowserWindow | null, change: ChangeEvent): void {
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
