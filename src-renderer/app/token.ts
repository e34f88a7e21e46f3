/**
 * The browser shell hands the per-launch token over in the URL fragment (#token=…). It is read
 * once, before the hash router starts, then removed from the address bar and history so it is
 * neither shown, bookmarked nor kept anywhere but in memory.
 */
let token: string | null = null;

export function captureToken(): void {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return;
  token = decodeURIComponent(match[1]);
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
}

export const getToken = (): string | null => token;
