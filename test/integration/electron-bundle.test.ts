// The built Electron main process, as electron-builder packs it, booted against the fake Electron
// with the real runtime, database and renderer files. No Electron binary can be had on these
// machines, so this is the closest to launching the app: it catches what only the bundle can get
// wrong (two bundled modules declaring the same name, a dependency that does not survive
// bundling, a path between out/main, out/preload and out/renderer that no longer holds).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL } from '../../src-main/electron/channels';
import { projectNode, root } from '../helpers/cli';
import { createFakeElectron, FakeBrowserWindow } from '../unit/electron/fake-electron';

// Inside the project so the bundle's external imports (better-sqlite3) resolve from node_modules.
const outDir = path.join(root, 'out', 'bundle-test');
let dataDir: string;

beforeAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(projectNode, [electronVite, 'build', '-c', 'electron.config.ts', '--outDir', outDir], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`electron-vite build failed: ${r.stderr || r.stdout}`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-bundle-'));
}, 300_000);

afterAll(() => {
  delete process.env.KOMET_DATA_DIR;
  vi.doUnmock('electron');
  fs.rmSync(outDir, { recursive: true, force: true });
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type Handler = (event: unknown, procedure: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

describe('the built Electron main process', () => {
  it('bundles the pure-JS dependencies, leaving out the native SQLite module and fflate (see electron.config.ts)', () => {
    // The main process and the export thread share chunks: read every file the build wrote.
    const mainDir = path.join(outDir, 'main');
    const files = (fs.readdirSync(mainDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    expect(files).toContain('index.js');
    expect(files).toContain('export-worker.js');
    // The thread that writes scores.csv loads its own program, found beside the others.
    expect(files).toContain('export-scores-worker.js');
    // An import file is parsed in a utility process of its own, started from this entry.
    expect(files).toContain('import-parser.js');
    const bare = files
      .flatMap((f) => [...fs.readFileSync(path.join(mainDir, f), 'utf8').matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)])
      .map((m) => m[1]!)
      .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s));
    expect([...new Set(bare)].sort()).toEqual(['better-sqlite3', 'electron', 'fflate']);
    expect(fs.existsSync(path.join(outDir, 'preload', 'index.cjs'))).toBe(true);
  });

  it('starts, serves the renderer, sets up the vault, answers calls and backs up on quit', { timeout: 120_000 }, async () => {
    process.env.KOMET_DATA_DIR = dataDir;
    const electron = createFakeElectron();
    vi.doMock('electron', () => electron);
    await import(path.join(outDir, 'main', 'index.js'));
    expect(electron.app.sandboxEnabled).toBe(true);

    electron.app.becomeReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 30_000 });
    const win = FakeBrowserWindow.created[0]!;
    expect(win.loaded).toEqual(['app://komet/index.html']);

    // The renderer comes from out/renderer through the app:// handler, with its script file.
    const serve = electron.protocol.handled.get('app')!;
    const page = await serve(new Request('app://komet/index.html'));
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = html.match(/src="(?:\.?\/)?(assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await serve(new Request(`app://komet/${script}`))).status).toBe(200);

    const call = electron.ipcMain.handlers.get(CALL_CHANNEL) as Handler;
    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await call(fromWindow, 'vault.status', {})).toMatchObject({ ok: true, value: { state: 'new' } });
    expect(await call(fromWindow, 'units.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    const setup = await call(fromWindow, 'vault.setup', {
      userName: 'Ebba Paketerad',
      passphrase: 'en lösenfras för paketet',
      passphraseRepeat: 'en lösenfras för paketet',
    });
    expect(setup, JSON.stringify(setup)).toMatchObject({ ok: true });
    expect(await call(fromWindow, 'units.create', { name: 'Buntens enhet', kind: 'district' })).toMatchObject({ ok: true });
    const units = await call(fromWindow, 'units.list', {});
    expect(JSON.stringify(units.value)).toContain('Buntens enhet');

    // An import file is parsed in a utility process started from the built import-parser.js, its heap capped.
    const csv = Buffer.from('Namn;E-post\nÅsa Öberg;asa@example.se\n').toString('base64');
    const preview = await call(fromWindow, 'imports.preview', { kind: 'staff', fileName: 'personal.csv', content: csv });
    expect(preview, JSON.stringify(preview)).toMatchObject({ ok: true, value: { headers: ['Namn', 'E-post'] } });
    expect(electron.utilityProcess.forked).toEqual([
      { modulePath: path.join(outDir, 'main', 'import-parser.js'), execArgv: ['--max-old-space-size=512', '--max-semi-space-size=8'] },
    ]);

    // The database on disk is encrypted; quitting writes a verified backup.
    const header = Buffer.from('SQLite format 3\0');
    expect(fs.readFileSync(path.join(dataDir, 'komet.db')).subarray(0, 16).equals(header)).toBe(false);
    electron.app.emit('before-quit');
    electron.app.emit('will-quit');
    const backups = fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.endsWith('.db'));
    expect(backups).toHaveLength(1);
  });
});
