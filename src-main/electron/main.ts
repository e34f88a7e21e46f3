import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, shell } from 'electron';
import { createRuntime, type Runtime } from '../app/runtime';
import { AppError } from '../core/errors';
import { useParseHost } from '../core/import/parse-host';
import { guardDownloads } from './downloads';
import { forwardChanges, registerIpc } from './ipc';
import { aboutText, buildMenuTemplate, type MenuLanguage } from './menu';
import { utilityParseHost } from './parse-host';
import { registerAppSchemes, serveRenderer } from './protocol';
import { APP_ENTRY_URL, guardAllWebContents, hardenSession, mainWindowOptions } from './security';

// Built layout: out/main/index.js beside out/preload/index.cjs and out/renderer/.
const here = import.meta.dirname;
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');
useParseHost(utilityParseHost(path.join(here, 'import-parser.js')));

let kometApp: Runtime | null = null;
let mainWindow: BrowserWindow | null = null;

/**
 * KOMET_DATA_DIR wins (tests, several profiles side by side); otherwise the same per-user folder
 * the CLI and browser shell use. Chromium's own caches and storage go into a subfolder so the
 * database folder holds only what Komet writes.
 */
function configurePaths(): string {
  const override = process.env.KOMET_DATA_DIR;
  const dataDir = override ? path.resolve(override) : path.join(app.getPath('appData'), 'Komet');
  app.setPath('userData', dataDir);
  app.setPath('sessionData', path.join(dataDir, 'chromium'));
  return dataDir;
}

function iconPath(): string | undefined {
  const candidate = app.isPackaged ? path.join(process.resourcesPath, 'icon.png') : path.join(here, '..', '..', 'resources', 'icon.png');
  return fs.existsSync(candidate) ? candidate : undefined;
}

function createWindow(): BrowserWindow {
  const icon = iconPath();
  const options = mainWindowOptions({ preloadPath, isPackaged: app.isPackaged, ...(icon ? { iconPath: icon } : {}) });
  const win = new BrowserWindow({
    ...options,
    // The same values security.ts sets, repeated at the construction site where static scanners
    // (electronegativity) look for them.
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function menuLanguage(): Promise<MenuLanguage> {
  const result = await kometApp?.call('settings.get', {});
  const language = result?.ok ? (result.value as { language?: unknown }).language : undefined;
  return language === 'en' ? 'en' : 'sv';
}

/** Komet's exports folder, made (private) if missing so the file dialogs can start there. */
function exportsFolder(dataDir: string): string {
  const folder = path.join(dataDir, 'exports');
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch {
    // The dialog then starts wherever the system puts it; saving still checks the path.
  }
  return folder;
}

async function installMenu(): Promise<void> {
  const template = buildMenuTemplate({
    language: await menuLanguage(),
    platform: process.platform,
    isPackaged: app.isPackaged,
    onAbout: () => {
      const options = { type: 'info' as const, title: 'Komet', message: aboutText(app.getVersion()), buttons: ['OK'] };
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function startupFailure(err: unknown): void {
  // AppError messages are written for users; anything else may quote data, so only its class.
  const text =
    err instanceof AppError
      ? `${err.messages.sv}\n\n${err.messages.en}`
      : 'Komet kunde inte starta. Inget har ändrats.\n\nKomet could not start. Nothing was changed.';
  console.error(`komet: start failed: ${err instanceof AppError ? err.code : err instanceof Error ? err.name : typeof err}`);
  if (process.env.KOMET_DEBUG) console.error(err);
  dialog.showErrorBox('Komet', text);
  app.exit(1);
}

async function onReady(dataDir: string): Promise<void> {
  try {
    // Starts locked (or at first-run setup); the window unlocks it through vault.* calls.
    kometApp = createRuntime({ dataDir, shell: 'electron' });
  } catch (err) {
    startupFailure(err);
    return;
  }
  // Every committed write and every lock change (idle and screen locks happen without a call)
  // goes to the window. The menu follows the stored language after an unlock or a settings change.
  forwardChanges(
    kometApp.events,
    () => mainWindow,
    (change) => {
      if (change.procedure === 'settings.update') void installMenu();
    },
  );
  kometApp.onLockChange(() => void installMenu());
  // Walking away from a locked screen or a sleeping laptop must not leave the data open.
  powerMonitor.on('lock-screen', () => kometApp?.lock());
  powerMonitor.on('suspend', () => kometApp?.lock());
  hardenSession(session.defaultSession);
  guardDownloads(session.defaultSession, () => app.getPath('downloads'));
  serveRenderer(protocol, rendererDir);
  registerIpc(ipcMain, {
    call: (procedure, input) => (kometApp ? kometApp.call(procedure, input) : Promise.reject(new Error('closed'))),
    getWindow: () => mainWindow,
    dialogs: { dialog, language: menuLanguage, exportsFolder: () => exportsFolder(dataDir), now: () => new Date() },
  });
  await installMenu();
  mainWindow = createWindow();
}

export function launch(): void {
  app.setName('Komet');
  // The native date fields follow Chromium's locale; Komet's dates are Swedish (åååå-mm-dd) in
  // either UI language, never the ambiguous mm/dd/yyyy. Must be set before `ready`.
  app.commandLine.appendSwitch('lang', 'sv-SE');
  const dataDir = configurePaths();
  // Both must happen before `ready`: scheme privileges and the sandbox cannot be added later.
  registerAppSchemes(protocol);
  app.enableSandbox();
  guardAllWebContents(app, (url) => shell.openExternal(url));

  // One instance per data folder: two processes writing the same database would fight over it.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (kometApp && !mainWindow) mainWindow = createWindow();
  });
  // The quit backup runs while the database is still open, before windows close.
  app.on('before-quit', () => {
    kometApp?.close({ backup: true });
  });
  app.on('will-quit', () => {
    kometApp?.close();
    kometApp = null;
  });
  app
    .whenReady()
    .then(() => onReady(dataDir))
    .catch(startupFailure);
}

launch();
