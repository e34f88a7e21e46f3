import type { MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'sv' | 'en';

const labels = {
  sv: {
    file: 'Arkiv',
    edit: 'Redigera',
    view: 'Visa',
    window: 'Fönster',
    help: 'Hjälp',
    quit: 'Avsluta Komet',
    close: 'Stäng fönster',
    undo: 'Ångra',
    redo: 'Gör om',
    cut: 'Klipp ut',
    copy: 'Kopiera',
    paste: 'Klistra in',
    selectAll: 'Markera allt',
    reload: 'Läs in igen',
    devTools: 'Utvecklarverktyg',
    resetZoom: 'Verklig storlek',
    zoomIn: 'Zooma in',
    zoomOut: 'Zooma ut',
    fullScreen: 'Helskärm',
    minimize: 'Minimera',
    zoom: 'Zooma',
    front: 'Lägg alla överst',
    about: 'Om Komet',
    hide: 'Göm Komet',
    hideOthers: 'Göm övriga',
    unhide: 'Visa alla',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    quit: 'Quit Komet',
    close: 'Close Window',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
    about: 'About Komet',
    hide: 'Hide Komet',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
} as const;

export interface MenuOptions {
  language: MenuLanguage;
  platform: NodeJS.Platform;
  /** Packaged builds get no developer tools entry. */
  isPackaged: boolean;
  onAbout(): void;
}

/**
 * The application menu: standard roles only, so every item does what the OS expects and none
 * reaches into the renderer beyond reload and zoom.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = labels[options.language];
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: t.about, click: () => options.onAbout() };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Komet',
          submenu: [
            about,
            { type: 'separator' },
            { role: 'hide', label: t.hide },
            { role: 'hideOthers', label: t.hideOthers },
            { role: 'unhide', label: t.unhide },
            { type: 'separator' },
            { role: 'quit', label: t.quit },
          ],
        },
      ]
    : [];

  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: t.reload },
    ...(options.isPackaged ? [] : [{ role: 'toggleDevTools', label: t.devTools } as const]),
    { type: 'separator' },
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullScreen },
  ];

  return [
    ...appMenu,
    { label: t.file, submenu: [mac ? { role: 'close', label: t.close } : { role: 'quit', label: t.quit }] },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.window,
      submenu: mac
        ? [{ role: 'minimize', label: t.minimize }, { role: 'zoom', label: t.zoom }, { type: 'separator' }, { role: 'front', label: t.front }]
        : [
            { role: 'minimize', label: t.minimize },
            { role: 'close', label: t.close },
          ],
    },
    { role: 'help', label: t.help, submenu: mac ? [] : [about] },
  ];
}

/** Body of the About dialog, both languages because the dialog is shown before settings load. */
export function aboutText(version: string): string {
  return `Komet ${version}\n\nRegistrering och uppföljning av Komet-föräldragrupper.\nRecording and follow-up of Komet parent groups.`;
}
