// A hand-written stand-in for the parts of `electron` the shell uses. It keeps Electron's own
// ordering rules (privileged schemes only before ready, protocol.handle only after, one
// ipcMain.handle per channel) so tests fail the way the real app would.
/* eslint-disable @typescript-eslint/no-explicit-any -- Electron's event listeners take loosely typed arguments. */
import { spawn, type Serializable } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== fn),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
  processId: number;
  detached: boolean;
}

let nextId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  constructor(url = 'app://komet/index.html') {
    super();
    this.mainFrame = { url, parent: null, frameTreeNodeId: nextId++, processId: 7, detached: false };
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** A child frame of this page, e.g. an injected iframe. */
  subFrame(url: string): FakeFrame {
    return { url, parent: this.mainFrame, frameTreeNodeId: nextId++, processId: 7, detached: false };
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  minimized = false;
  readonly calls: string[] = [];
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
}

export function createFakeElectron() {
  FakeBrowserWindow.created.length = 0;
  let ready = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>([['appData', '/fake/appData']]);

  const appEvents = new FakeEmitter();
  const app = Object.assign(appEvents, {
    isPackaged: false,
    name: 'komet',
    lockGranted: true,
    sandboxEnabled: false,
    quit: vi.fn(),
    exit: vi.fn(),
    setName(name: string) {
      this.name = name;
    },
    getVersion: () => '0.1.0',
    getPath: (name: string) => paths.get(name) ?? `/fake/${name}`,
    setPath: (name: string, value: string) => {
      if (ready && name === 'sessionData') throw new Error('sessionData must be set before ready');
      paths.set(name, value);
    },
    /** Chromium switches, as Electron takes them: only before ready. */
    switches: new Map<string, string>(),
    commandLine: {
      appendSwitch(name: string, value = '') {
        if (ready) throw new Error('command-line switches must be appended before ready');
        app.switches.set(name, value);
      },
    },
    enableSandbox() {
      if (ready) throw new Error('enableSandbox must be called before ready');
      this.sandboxEnabled = true;
    },
    requestSingleInstanceLock() {
      return this.lockGranted;
    },
    whenReady: () => readyPromise,
    isReady: () => ready,
    /** Test control: fire `ready`. */
    becomeReady() {
      ready = true;
      resolveReady();
      appEvents.emit('ready');
    },
  });

  const handled = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    privileged: [] as unknown[],
    handled,
    registerSchemesAsPrivileged(schemes: unknown[]) {
      if (ready) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      if (!ready) throw new Error('protocol.handle must be called after app is ready');
      handled.set(scheme, handler);
    },
  };

  const ipcMain = {
    handlers: new Map<string, (...args: any[]) => unknown>(),
    handle(channel: string, fn: (...args: any[]) => unknown) {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, fn);
    },
    on: vi.fn(),
  };

  const defaultSession = Object.assign(new FakeEmitter(), {
    permissionRequestHandler: undefined as undefined | ((...args: any[]) => void),
    permissionCheckHandler: undefined as undefined | ((...args: any[]) => boolean),
    devicePermissionHandler: undefined as undefined | ((...args: any[]) => boolean),
    beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    setPermissionRequestHandler(fn: (...args: any[]) => void) {
      this.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: (...args: any[]) => boolean) {
      this.permissionCheckHandler = fn;
    },
    setDevicePermissionHandler(fn: (...args: any[]) => boolean) {
      this.devicePermissionHandler = fn;
    },
    webRequest: {
      onBeforeRequest: (fn: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) => {
        defaultSession.beforeRequest = fn;
      },
    },
  });

  const Menu = {
    applicationMenu: undefined as unknown,
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu(menu: unknown) {
      this.applicationMenu = menu;
    },
  };

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown) {
      if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      this.exposed.set(key, api);
    },
  };

  /**
   * Electron's utility process stood in for by a Node child: the module runs with
   * `process.parentPort` as Electron gives it (messages arrive as `{ data }`), and the child's
   * messages and exit come back as the utility process's events.
   */
  const utilityProcess = {
    forked: [] as { modulePath: string; execArgv: string[] }[],
    fork(modulePath: string, _args: string[] = [], options: { execArgv?: string[] } = {}) {
      if (!ready) throw new Error('utilityProcess.fork can only be called after the ready event');
      const execArgv = options.execArgv ?? [];
      utilityProcess.forked.push({ modulePath, execArgv });
      const shim = [
        "const { EventEmitter } = require('node:events');",
        'const port = new EventEmitter();',
        'port.postMessage = (message) => process.send(message);',
        "process.on('message', (data) => port.emit('message', { data }));",
        'process.parentPort = port;',
        `import(${JSON.stringify(pathToFileURL(modulePath).href)});`,
      ].join('\n');
      const child = spawn(process.execPath, [...execArgv, '-e', shim], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
      const utility = Object.assign(new FakeEmitter(), {
        postMessage: (message: unknown) => void child.send(message as Serializable),
        kill: () => child.kill(),
      });
      child.on('spawn', () => utility.emit('spawn'));
      child.on('message', (message) => utility.emit('message', message));
      child.on('exit', (code) => utility.emit('exit', code ?? 1));
      return utility;
    },
  };

  const ipcRenderer = Object.assign(new FakeEmitter(), {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'from-main' })),
  });

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol,
    ipcMain,
    session: { defaultSession },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    Menu,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showSaveDialog: vi.fn(async (_window: unknown, _options: Record<string, unknown>): Promise<{ canceled: boolean; filePath?: string }> => ({
        canceled: true,
      })),
      showOpenDialog: vi.fn(async (_window: unknown, _options: Record<string, unknown>): Promise<{ canceled: boolean; filePaths: string[] }> => ({
        canceled: true,
        filePaths: [],
      })),
    },
    contextBridge,
    ipcRenderer,
    /** Test control: emit 'lock-screen', 'suspend'. */
    powerMonitor: new FakeEmitter(),
    utilityProcess,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
