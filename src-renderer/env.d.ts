/// <reference types="vite/client" />
import type { PathPurpose } from '../src-main/electron/preload-api';
import type { Result } from '@contract';

/** The narrow surface the Electron preload exposes; absent in the browser shell. */
export interface KometBridge {
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  /** The change comes from another process: the page reads it with readChange. */
  onChanged(cb: (change: unknown) => void): () => void;
  /** The native file dialog for one purpose: the chosen path, or null when cancelled. */
  choosePath(purpose: PathPurpose): Promise<Result<string | null>>;
}

declare global {
  interface Window {
    komet?: KometBridge;
  }
}
