import { startKomet, type KometApp } from '../app/komet-app';
import { AppError, type Result } from '../core/errors';

export const openApp = (databasePath: string): KometApp => startKomet({ databasePath, shell: 'cli', actor: 'cli' });

/** Runs work on an app and always closes it, so a failure never leaves the database open. */
export async function withApp<T>(databasePath: string, work: (app: KometApp) => Promise<T> | T): Promise<T> {
  const app = openApp(databasePath);
  try {
    return await work(app);
  } finally {
    app.close();
  }
}

/** A procedure's value, or its typed error thrown so reportFailure prints it. */
export function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  throw new AppError(result.error.code, result.error.message, result.error.issues);
}

