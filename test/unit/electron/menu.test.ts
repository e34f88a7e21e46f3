import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from '../../../src-main/electron/menu';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const build = (overrides: Partial<MenuOptions> = {}) =>
  buildMenuTemplate({ language: 'sv', platform: 'linux', isPackaged: true, onAbout: vi.fn(), ...overrides });

describe('application menu', () => {
  it('has the Swedish top-level menus in order', () => {
    expect(build().map((m) => m.label)).toEqual(['Arkiv', 'Redigera', 'Visa', 'Fönster', 'Hjälp']);
    expect(build({ platform: 'darwin' }).map((m) => m.label)).toEqual(['Komet', 'Arkiv', 'Redigera', 'Visa', 'Fönster', 'Hjälp']);
  });

  it('has English labels when English is chosen', () => {
    expect(build({ language: 'en' }).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('offers no developer tools in packaged builds, on any platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const roles = flatten(build({ platform, isPackaged: true })).map((i) => i.role?.toLowerCase());
      expect(roles, platform).not.toContain('toggledevtools');
      expect(roles, platform).not.toContain('forcereload');
    }
    const devRoles = flatten(build({ isPackaged: false })).map((i) => i.role);
    expect(devRoles).toContain('toggleDevTools');
  });

  it('uses standard roles for editing and quitting, and a working About item', () => {
    const onAbout = vi.fn();
    const items = flatten(build({ onAbout }));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']) {
      expect(
        items.some((i) => i.role === role),
        role,
      ).toBe(true);
    }
    const about = items.find((i) => i.label === 'Om Komet');
    (about?.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });
});
