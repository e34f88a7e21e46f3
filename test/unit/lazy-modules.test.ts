// Opening a database (every CLI command, every unlock in the shells) initialises only what it
// uses: the export engine and sync's network side are imported when first used. In the one-file
// bundles a module runs its top-level code as soon as a static import reaches it, so the guard is
// that no static import path leads there from the app's opening.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const src = (file: string) => path.join(root, 'src-main', file);

/**
 * What a file imports for its values: `import … from`, `export … from` and bare `import '…'`,
 * relative ones only; `import type` and `export type` are erased by the compiler, and `import()`
 * runs only when reached.
 */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const declaration = /^(?:import|export)\s+(?!type\s)([\s\S]*?)\s*from\s*'([^']+)';?$|^import\s+'([^']+)';?$/gm;
  for (const m of text.matchAll(declaration)) {
    const specifier = m[2] ?? m[3]!;
    if (!specifier.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), specifier);
    const candidates = [`${base}.ts`, path.join(base, 'index.ts'), base];
    const target = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (target === undefined) throw new Error(`${path.relative(root, file)}: cannot resolve ${specifier}`);
    found.push(target);
  }
  return found;
}

function reachable(from: string): Set<string> {
  const seen = new Set<string>([from]);
  const todo = [from];
  while (todo.length) for (const next of staticImports(todo.pop()!)) if (!seen.has(next) && seen.add(next)) todo.push(next);
  return seen;
}

const heavy = [
  'core/export/index.ts',
  'core/export/encrypt.ts',
  'core/export/package.ts',
  'core/export/manifest.ts',
  'core/sync/net/pinned.ts',
  'core/sync/device.ts',
];

describe('opening a database', () => {
  it.each(['cli/app.ts', 'app/komet-app.ts'])('from %s reaches neither the export engine nor sync’s network by a static import', (start) => {
    const from = reachable(src(start));
    // It does reach the services that use them, through which the scan has to pass.
    expect(from).toContain(src('core/services/export.ts'));
    expect(from).toContain(src('core/sync/laptop.ts'));
    expect(heavy.filter((file) => from.has(src(file)))).toEqual([]);
  });

  it('the scan follows the imports that do lead there', () => {
    expect(reachable(src('core/export/index.ts'))).toContain(src('core/export/manifest.ts'));
    expect(reachable(src('server/run-server.ts'))).toContain(src('core/sync/net/pinned.ts'));
  });
});
