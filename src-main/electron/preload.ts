// Runs sandboxed in the renderer process, bundled as CommonJS: it may import only `electron`
// and constants. It exposes exactly three functions; the page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../contract';
import { commonErrors } from '../contract/errors';
import { CALL_CHANNEL, CHANGED_CHANNEL, CHOOSE_PATH_CHANNEL, MAX_PROCEDURE_NAME_LENGTH, PATH_PURPOSES } from './channels';
import type { KometApi, KometChange } from './preload-api';

const badProcedure: Result<never> = { ok: false, error: commonErrors.unknownProcedure };

const badPurpose: Result<never> = {
  ok: false,
  error: { code: 'validation', message: { sv: 'Okänd sorts fildialog.', en: 'Unknown kind of file dialog.' } },
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
  choosePath(purpose) {
    if (typeof purpose !== 'string' || !(PATH_PURPOSES as readonly string[]).includes(purpose)) return Promise.resolve(badPurpose);
    return ipcRenderer.invoke(CHOOSE_PATH_CHANNEL, purpose) as Promise<Result<string | null>>;
  },
};

contextBridge.exposeInMainWorld('komet', api);
