// Installer config, found by electron-builder on its own (`electron-builder --publish never`).
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'se.stockholm.komet',
  productName: 'Komet',
  copyright: 'Stockholms stad',
  directories: { output: 'release', buildResources: 'resources' },
  // Only the desktop app's build output (not the browser shell's or the CLI's bundles in out/);
  // runtime dependencies are added by electron-builder from package.json.
  files: ['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', '!out/**/*.map'],
  // Migrations are read from process.resourcesPath/drizzle at start (see core/db/migrate.ts).
  extraResources: [
    { from: 'drizzle', to: 'drizzle', filter: ['**/*'] },
    { from: 'resources/icon.png', to: 'icon.png' },
  ],
  asar: true,
  // Native modules cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // better-sqlite3-multiple-ciphers ships prebuilt Node-API binaries that load in Electron as is.
  npmRebuild: false,
  nodeGypRebuild: false,
  electronLanguages: ['sv', 'en-US', 'en-GB'],
  // Fuses are flipped in the Electron binary itself, so they hold even if the app code is bypassed.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['sv_SE', 'en_US'],
    language: '1053',
    createDesktopShortcut: true,
    shortcutName: 'Komet',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    icon: 'resources/icon.png',
  },
  dmg: { title: 'Komet' },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'resources/icon.png',
    maintainer: 'Stockholms stad <komet@stockholm.se>',
    synopsis: 'Komet – föräldragrupper / parent groups',
  },
  deb: { packageCategory: 'misc' },
};

export default config;
