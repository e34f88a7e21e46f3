import { AppError } from '../core/errors';
import type { Services } from '../core/services';
import type { Handlers } from './router';

type ExportProcedure = Extract<keyof Handlers, `export.${string}` | `recipients.${string}`>;

const pending = () => {
  throw new AppError('internal', { sv: 'Exporten är inte tillgänglig ännu.', en: 'Export is not available yet.' });
};

/** FoU export, keys, saved recipients and the export log, bound to their service calls. */
export function exportHandlers(_services: Services): Pick<Handlers, ExportProcedure> {
  return {
    'export.preview': pending,
    'export.run': pending,
    'export.open': pending,
    'export.keygen': pending,
    'export.keyInfo': pending,
    'export.rotateKey': pending,
    'export.log': pending,
    'recipients.list': pending,
    'recipients.create': pending,
    'recipients.delete': pending,
  };
}
