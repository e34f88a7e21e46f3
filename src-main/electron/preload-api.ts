// Types only: the renderer imports from here with `import type`, never values.
import type { ChangeEvent, Result } from '../contract';
import type { PathPurpose } from './channels';

export type { PathPurpose };

/** What main sends after each committed change, so the renderer can refresh what it shows. */
export type KometChange = ChangeEvent;

/**
 * The whole surface the preload exposes as `window.komet`. Nothing else of Electron or Node is
 * reachable from the page.
 */
export interface KometApi {
  /** Calls a contract procedure; always resolves with a Result, never throws for bad input. */
  call(procedure: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to change notifications; returns the function that unsubscribes. */
  onChanged(listener: (change: KometChange) => void): () => void;
  /**
   * Shows the native dialog for one purpose and resolves with the chosen path, or null when the
   * user cancelled. The page cannot pass a path, a title or options.
   */
  choosePath(purpose: PathPurpose): Promise<Result<string | null>>;
}
