// Runs sandboxed in the renderer process, bundled as CommonJS: it may import only `electron`
// and constants. It exposes exactly two functions; the page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../core/errors';
import { CALL_CHANNEL, CHANGED_CHANNEL, MAX_PROCEDURE_NAME_LENGTH } from './channels';
import type { KometApi, KometChange } from './preload-api';

const badProcedure: Result<never> = {
  ok: false,
  error: { code: 'unknown_procedure', message: { sv: 'Okänd funktion.', en: 'Unknown procedure.' } },
};

const api: KometApi = {
  call(procedure, input) {
    if (typeof procedure !== 'string' || procedure.length === 0 || procedure.length > MAX_PROCEDURE_NAME_LENGTH) {
      return Promise.resolve(badProcedure);
    }
    return ipcRenderer.invoke(CALL_CHANNEL, procedure, input) as Promise<Result<unknown>>;
  },
  onChanged(listener) {
    if (typeof listener !== 'function') throw new TypeError('onChanged needs a function');
    // Wrapped so the page never receives the IpcRendererEvent (it carries `sender`).
    const relay = (_event: IpcRendererEvent, change: KometChange) => listener(change);
    ipcRenderer.on(CHANGED_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(CHANGED_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('komet', api);
