import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config';

describe('installer config', () => {
  it('flips the Electron fuses that close run-as-node, NODE_OPTIONS, inspect and loose app loading', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into asar and ships migrations where the app looks for them', () => {
    expect(config.appId).toBe('se.stockholm.komet');
    expect(config.productName).toBe('Komet');
    expect(config.asar).toBe(true);
    // The three parts the main process loads (see electron/main.ts), and nothing else from out/.
    expect(config.files).toEqual(['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', '!out/**/*.map']);
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'drizzle', to: 'drizzle' }));
    expect(config.npmRebuild).toBe(false);
  });
});
