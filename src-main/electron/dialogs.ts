import path from 'node:path';
import type { BrowserWindow, Dialog, IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ErrorShape, Result } from '../core/errors';
import { defaultExportName, defaultKeyName } from '../core/services/export-files';
import { PATH_PURPOSES, type PathPurpose } from './channels';
import { forbidden, isTrustedSender } from './sender';

/**
 * The native file dialogs the export promises in the desktop app: the save dialog for a package
 * or a key file, the open dialogs for a package, a key file and the folder to unpack into. The
 * page asks by purpose; main decides everything the dialog shows and where it starts.
 */
export interface DialogDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The one window whose main frame may ask, and the dialog's parent. */
  getWindow(): BrowserWindow | null;
  language(): Promise<'sv' | 'en'>;
  /** Where the dialogs start: Komet's own exports folder, the browser shell's only folder too. */
  exportsFolder(): string;
  now(): Date;
}

export type DialogRequest = { kind: 'save'; options: SaveDialogOptions } | { kind: 'open'; options: OpenDialogOptions };

const titles: Record<PathPurpose, { sv: string; en: string }> = {
  exportFile: { sv: 'Spara exporten', en: 'Save the export' },
  keyFile: { sv: 'Spara nyckelfilen', en: 'Save the key file' },
  exportPackage: { sv: 'Välj exportfilen', en: 'Choose the export file' },
  identityFile: { sv: 'Välj nyckelfilen', en: 'Choose the key file' },
  openedFolder: { sv: 'Välj mapp att packa upp i', en: 'Choose a folder to unpack into' },
};

const filterNames = {
  age: { sv: 'Krypterad export (.age)', en: 'Encrypted export (.age)' },
  key: { sv: 'Nyckelfil (.txt)', en: 'Key file (.txt)' },
  all: { sv: 'Alla filer', en: 'All files' },
};

export const isPathPurpose = (value: unknown): value is PathPurpose => typeof value === 'string' && (PATH_PURPOSES as readonly string[]).includes(value);

export function dialogRequest(purpose: PathPurpose, language: 'sv' | 'en', folder: string, now: Date): DialogRequest {
  const title = titles[purpose][language];
  const ageFilter = { name: filterNames.age[language], extensions: ['age'] };
  const keyFilter = { name: filterNames.key[language], extensions: ['txt'] };
  const allFilter = { name: filterNames.all[language], extensions: ['*'] };
  switch (purpose) {
    case 'exportFile':
      return {
        kind: 'save',
        options: {
          title,
          defaultPath: path.join(folder, defaultExportName(now.toISOString())),
          filters: [ageFilter],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
    case 'keyFile':
      return {
        kind: 'save',
        options: {
          title,
          defaultPath: path.join(folder, defaultKeyName(now.toISOString())),
          filters: [keyFilter],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
    case 'exportPackage':
      return { kind: 'open', options: { title, defaultPath: folder, filters: [ageFilter, allFilter], properties: ['openFile'] } };
    case 'identityFile':
      return { kind: 'open', options: { title, defaultPath: folder, filters: [keyFilter, allFilter], properties: ['openFile'] } };
    case 'openedFolder':
      return { kind: 'open', options: { title, defaultPath: folder, properties: ['openDirectory', 'createDirectory'] } };
  }
}

const unknownPurpose: ErrorShape = {
  code: 'validation',
  message: { sv: 'Okänd sorts fildialog.', en: 'Unknown kind of file dialog.' },
};

const dialogFailed: ErrorShape = {
  code: 'internal',
  message: {
    sv: 'Fildialogen kunde inte visas. Skriv sökvägen i fältet i stället.',
    en: 'The file dialog could not be shown. Type the path in the field instead.',
  },
};

export function createChoosePathHandler(deps: DialogDeps) {
  return async (event: IpcMainInvokeEvent, purpose: unknown): Promise<Result<string | null>> => {
    const win = deps.getWindow();
    if (!isTrustedSender(event, win) || !win) {
      console.warn('komet: refused a file dialog for an untrusted frame');
      return { ok: false, error: forbidden };
    }
    if (!isPathPurpose(purpose)) return { ok: false, error: unknownPurpose };
    try {
      const request = dialogRequest(purpose, await deps.language(), deps.exportsFolder(), deps.now());
      if (request.kind === 'save') {
        const chosen = await deps.dialog.showSaveDialog(win, request.options);
        return { ok: true, value: chosen.canceled || !chosen.filePath ? null : chosen.filePath };
      }
      const chosen = await deps.dialog.showOpenDialog(win, request.options);
      return { ok: true, value: chosen.canceled ? null : (chosen.filePaths[0] ?? null) };
    } catch (err) {
      console.error(`komet: file dialog failed: ${err instanceof Error ? err.name : typeof err}`);
      return { ok: false, error: dialogFailed };
    }
  };
}
