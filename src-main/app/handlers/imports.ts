import type { Services } from '../../core/services';
import { planView, readUpload } from '../../core/import/upload';
import type { Handlers, NamesIn } from '../router';

/** Spreadsheet import from the app: the chosen file's bytes come with each call (services/../import). */
export const importHandlers = ({ imports }: Services): Pick<Handlers, NamesIn<'imports'>> => ({
  'imports.preview': async (input) => {
    const { table, mapping } = await readUpload(input);
    return planView(input.kind, table, mapping, imports.preview(input.kind, table, mapping));
  },
  'imports.commit': async (input) => {
    const { table, mapping } = await readUpload(input);
    const { plan, importId } = imports.commit(input.kind, table, mapping, { skipInvalid: input.skipInvalid });
    return { ...planView(input.kind, table, mapping, plan), importId };
  },
  'imports.last': () => {
    const last = imports.last();
    return last && { id: last.id, kind: last.kind, at: last.at, count: last.created.length };
  },
  'imports.undo': () => imports.undo(),
});
