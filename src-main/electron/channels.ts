// Shared by main and the sandboxed preload, which can bundle nothing that needs Node: constants only.

/** The one IPC channel the renderer may invoke. */
export const CALL_CHANNEL = 'komet:call';
/** Main → renderer: a write succeeded, cached data may be stale. */
export const CHANGED_CHANNEL = 'komet:changed';

/** Longest procedure name the preload forwards; real names are far shorter. */
export const MAX_PROCEDURE_NAME_LENGTH = 100;
