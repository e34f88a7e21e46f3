// Shared by main and the sandboxed preload, which can bundle nothing that needs Node: constants only.

/** The one IPC channel the renderer may invoke. */
export const CALL_CHANNEL = 'komet:call';
/** Main → renderer: a write succeeded, cached data may be stale. */
export const CHANGED_CHANNEL = 'komet:changed';

/** Longest procedure name the preload forwards; real names are far shorter. */
export const MAX_PROCEDURE_NAME_LENGTH = 100;

/**
 * Renderer → main: show a native file dialog. The page names one of these purposes and gets back
 * the path the user picked; titles, filters and starting folders are decided in main.
 */
export const CHOOSE_PATH_CHANNEL = 'komet:choose-path';

/** The dialogs the export promises: where to save a package or a key; which package, key file or folder to open into. */
export const PATH_PURPOSES = ['exportFile', 'keyFile', 'exportPackage', 'identityFile', 'openedFolder'] as const;
export type PathPurpose = (typeof PATH_PURPOSES)[number];
