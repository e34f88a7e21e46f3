export function launchPage(launchUrl: string): string;
export interface AppWindow {
  /** The throwaway folder: the profile and the launch page. */
  dir: string;
  profileDir: string;
  /** The browser's command line after the executable; nothing secret in it. */
  args: string[];
  remove(): void;
}
export function prepareAppWindow(options: { launchUrl: string; tmpDir?: string; platform?: NodeJS.Platform; isRoot?: boolean }): AppWindow;
