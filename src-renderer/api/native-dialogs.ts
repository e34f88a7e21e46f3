import type { PathPurpose } from '../../src-main/electron/preload-api';
import { ApiError } from './errors';

export type { PathPurpose };

/**
 * The desktop app's native file dialogs: resolves with the chosen path, or null when cancelled.
 * Null in the browser shell, where files are named in Komet's exports folder instead.
 */
export const choosePath: ((purpose: PathPurpose) => Promise<string | null>) | null = window.komet
  ? async (purpose) => {
      const result = await window.komet!.choosePath(purpose);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    }
  : null;
