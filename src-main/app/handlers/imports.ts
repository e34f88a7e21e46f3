import type { Services } from '../../core/services';
import { planView, readUpload } from '../../core/import/upload';
import type { Handlers, NamesIn } from '../router';

/** Spreadsheet import from the app: the chosen file's bytes come with each call (services/../import). */
export const importHandlers = ({ imports }: Services): Pick<Handlers, NamesIn<'imports'>> => ({
  'imports.preview': async (input) => {
    const { table, mapping, sessions, complete } = await readUpload(input, imports.savedMapping(input.kind), imports.savedSessions());
    return planView(input.kind, table, mapping, complete ? imports.preview(input.kind, table, mapping, sessions) : null, sessions);
  },
  'imports.commit': async (input) => {
    // The commit takes the mapping the user saw in the dry run; without one, the guess must be complete.
    const { table, mapping, sessions } = await readUpload({ ...input, mapping: input.mapping ?? {} }, null);
    const { plan, importId } = imports.commit(input.kind, table, mapping, { skipInvalid: input.skipInvalid, sessions });
    return { ...planView(input.kind, table, mapping, plan, sessions), importId };
  },
  'imports.last': () => {
    const last = imports.last();
    return last && { id: last.id, kind: last.kind, at: last.at, count: last.created.length };
  },
  'imports.undo': () => imports.undo(),
});
