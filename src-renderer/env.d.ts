/// <reference types="vite/client" />
import type { Result } from '../src-main/ipc/contract';

/** The narrow surface the Electron preload exposes; absent in the browser shell. */
export interface KometBridge {
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  onChanged(cb: () => void): () => void;
}

declare global {
  interface Window {
    komet?: KometBridge;
  }
}
