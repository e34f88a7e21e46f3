import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createWindowOpenHandler,
  guardAllWebContents,
  guardNavigation,
  hardenSession,
  isAllowedExternalUrl,
  isAppUrl,
  mainWindowOptions,
  secureWebPreferences,
} from '../../../src-main/electron/security';
import { createFakeElectron, FakeEmitter, FakeWebContents } from './fake-electron';

const asContents = (fake: FakeWebContents) => fake as unknown as WebContents;

/** Fires a navigation event the way Electron 45 does and reports whether it was blocked. */
function navigate(contents: FakeWebContents, event: string, url: string, legacy = false): boolean {
  const details = { url: legacy ? undefined : url, preventDefault: vi.fn() };
  contents.emit(event, details, url);
  return details.preventDefault.mock.calls.length > 0;
}

describe('window options', () => {
  it('turn on every renderer isolation flag', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('keep the flags in the main window and drop DevTools when packaged', () => {
    const packaged = mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true });
    expect(packaged.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(packaged.show).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows no eval and no inline code anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|unsafe-hashes|\*/);
  });

  it('restricts each directive to our own origin', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });
});

describe('origin checks', () => {
  it('recognises only our exact origin', () => {
    expect(isAppUrl('app://komet/index.html')).toBe(true);
    expect(isAppUrl('app://komet/')).toBe(true);
    for (const url of ['app://komet.evil/', 'app://evil/', 'app://user@komet/', 'app://komet:8080/', 'https://komet/', 'file:///etc/passwd', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('lets only allow-listed https hosts out', () => {
    expect(isAllowedExternalUrl('https://www.stockholm.se/komet')).toBe(true);
    for (const url of [
      'http://www.stockholm.se/',
      'https://www.stockholm.se.evil.com/',
      'https://evil.com/?www.stockholm.se',
      'https://user:pw@www.stockholm.se/',
      'https://www.stockholm.se:8443/',
      'javascript:alert(1)',
      'file:///C:/Windows/system32/calc.exe',
      'smb://server/share',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('navigation guard', () => {
  it('blocks navigation and redirects away from app://komet in every form', () => {
    const contents = new FakeWebContents();
    guardNavigation(asContents(contents));
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(contents, event, 'https://evil.example/phish'), event).toBe(true);
      expect(navigate(contents, event, 'file:///etc/passwd'), event).toBe(true);
      expect(navigate(contents, event, 'app://komet.evil/index.html'), event).toBe(true);
      expect(navigate(contents, event, 'app://komet/index.html'), event).toBe(false);
    }
  });

  it('also reads the older positional url argument', () => {
    const contents = new FakeWebContents();
    guardNavigation(asContents(contents));
    expect(navigate(contents, 'will-navigate', 'https://evil.example/', true)).toBe(true);
  });
});

describe('window-open handler', () => {
  it('always denies and opens only allow-listed https links externally', async () => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    const handler = createWindowOpenHandler(openExternal);
    const open = (url: string) => handler({ url } as Parameters<typeof handler>[0]);

    expect(open('https://www.stockholm.se/komet')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('http://www.stockholm.se/')).toEqual({ action: 'deny' });
    expect(open('app://komet/index.html')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.stockholm.se/komet']]);
  });

  it('swallows a failing openExternal instead of crashing main', async () => {
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    const handler = createWindowOpenHandler(openExternal);
    expect(handler({ url: 'https://www.stockholm.se/' } as Parameters<typeof handler>[0])).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(openExternal).toHaveBeenCalledOnce();
  });
});

describe('session hardening', () => {
  const hardened = () => {
    const { session } = createFakeElectron();
    hardenSession(session.defaultSession as unknown as Session);
    return session.defaultSession;
  };

  it('denies every permission request, check and device request', () => {
    const ses = hardened();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.(null, permission, 'app://komet', {}), permission).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://komet' })).toBe(false);
  });

  it('cancels requests that leave the app origin', () => {
    const ses = hardened();
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      ses.beforeRequest?.({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    expect(cancelled('app://komet/assets/index.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('https://tracker.example/pixel.gif')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://elsewhere/x.js')).toBe(true);
    expect(cancelled('wss://example.com/socket')).toBe(true);
  });
});

describe('guard for every webContents', () => {
  it('applies navigation, window-open and webview guards to contents created later', () => {
    const app = new FakeEmitter();
    const openExternal = vi.fn(async (_url: string) => undefined);
    guardAllWebContents(app as unknown as App, openExternal);

    const later = new FakeWebContents();
    app.emit('web-contents-created', {}, later);

    const attach = { preventDefault: vi.fn() };
    later.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(navigate(later, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(later.windowOpenHandler?.({ url: 'https://www.stockholm.se/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.stockholm.se/']]);
  });
});
