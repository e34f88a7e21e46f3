import type { App, BrowserWindowConstructorOptions, HandlerDetails, Session, WebContents, WebPreferences, WindowOpenHandlerResponse } from 'electron';
import { contentSecurityPolicy } from '../app/renderer-files';

// The renderer is served from this origin only; nothing else may be loaded, navigated to or trusted.
export const APP_SCHEME = 'app';
export const APP_HOST = 'komet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The policy both shells serve the renderer with (see app/renderer-files). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy;

/**
 * Links the app may hand to the system browser. Anything else (other hosts, http, file, custom
 * schemes) is dropped: the renderer shows data about families and must not be a launcher.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.stockholm.se', 'stockholm.se'];

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Middle-click on a link would otherwise start a navigation outside the guards' usual path.
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    disableDialogs: false,
    devTools: true,
  };
}

export interface WindowOptionsInput {
  preloadPath: string;
  iconPath?: string;
  /** Packaged builds get no DevTools at all, not just no menu item. */
  isPackaged: boolean;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Komet',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: { ...secureWebPreferences(input.preloadPath), devTools: !input.isPackaged },
  };
}

/** True only for URLs on our own origin, parsed strictly (no look-alike hosts, ports or userinfo). */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && hosts.includes(url.hostname);
}

type NavigationEvent = { url?: string; preventDefault(): void };

/** Denies every navigation and redirect that would leave our origin, in any frame. */
export function guardNavigation(contents: WebContents): void {
  const deny = (event: NavigationEvent, legacyUrl?: unknown) => {
    const target = typeof event.url === 'string' ? event.url : typeof legacyUrl === 'string' ? legacyUrl : '';
    if (!isAppUrl(target)) event.preventDefault();
  };
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
}

/**
 * New windows are never opened. An allow-listed https link goes to the system browser instead;
 * everything else is silently dropped.
 */
export function createWindowOpenHandler(
  openExternal: (url: string) => Promise<void>,
  hosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): (details: HandlerDetails) => WindowOpenHandlerResponse {
  return ({ url }) => {
    if (isAllowedExternalUrl(url, hosts)) {
      openExternal(url).catch(() => undefined);
    }
    return { action: 'deny' };
  };
}

// Schemes the renderer may request. Everything on the network (http, https, ws, ftp) and the
// file system (file:) is cancelled even if a CSP gap let a request through.
const ALLOWED_REQUEST_SCHEMES = new Set([`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:']);

export function isAllowedRequestUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return ALLOWED_REQUEST_SCHEMES.has(url.protocol) && (url.protocol !== `${APP_SCHEME}:` || isAppUrl(raw));
  } catch {
    return false;
  }
}

/** Denies every permission (camera, notifications, USB, …) and every off-origin request. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}

/**
 * Applies the guards to every webContents ever created, so a future window, devtools or webview
 * cannot be forgotten. <webview> is refused outright.
 */
export function guardAllWebContents(app: App, openExternal: (url: string) => Promise<void>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    guardNavigation(contents);
    contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
  });
}
