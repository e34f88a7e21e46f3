#!/usr/bin/env node
// Entry point of the `komet` command. Kept to syntax every Node can parse so that an old Node
// reaches the version check below and says so in one line instead of crashing in the native
// SQLite module. No build step is needed: the CLI bundles itself on first use (cli-bundle.mjs)
// and runs the TypeScript sources through tsx if it cannot.

const required = [22, 12];
// Tests simulate an old Node with KOMET_MIN_NODE (e.g. "99.0"); nothing else sets it.
const minimum = (process.env.KOMET_MIN_NODE || '').match(/^(\d+)\.(\d+)/) ? process.env.KOMET_MIN_NODE.split('.').slice(0, 2).map(Number) : required;
const current = process.versions.node.split('.').map(Number);
const tooOld = current[0] < minimum[0] || (current[0] === minimum[0] && current[1] < minimum[1]);

if (tooOld) {
  const need = `${minimum[0]}.${minimum[1]}`;
  process.stderr.write(
    `Komet kräver Node ${need} eller senare (du har ${process.versions.node}). / Komet needs Node ${need} or later (you have ${process.versions.node}).\n`,
  );
  process.exit(1);
}

async function loadCli() {
  const { pathToFileURL } = await import('node:url');
  const { bundledCli } = await import('./cli-bundle.mjs');
  const bundle = await bundledCli();
  if (bundle) return import(pathToFileURL(bundle).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('../src-main/cli/main.ts', import.meta.url);
}

try {
  const cli = await loadCli();
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(
    err && err.code === 'ERR_MODULE_NOT_FOUND'
      ? 'Komet saknar paket: kör npm install. / Komet is missing packages: run npm install.\n'
      : 'Komet kunde inte starta (KOMET_DEBUG=1 visar orsaken). / Komet could not start (KOMET_DEBUG=1 shows why).\n',
  );
  if (process.env.KOMET_DEBUG) console.error(err);
  process.exitCode = 1;
}
