import type { ParsedInput, Recipient } from '../../contract';
import { AppError, fieldError, notFound } from '../errors';
import { exportEngine } from '../export/engine';
import { isExportError } from '../export/export-errors';
import type { ServiceContext } from './context';

export const recipientLabel = { sv: 'Mottagaren', en: 'The recipient' };

/** The evaluators' public keys an export can be encrypted to, saved by name. */
export function recipientService({ repos, tx, audit }: ServiceContext) {
  const store = repos.exportStore;
  return {
    list: (): Recipient[] => store.listRecipients(),

    async create(input: ParsedInput<'recipients.create'>): Promise<Recipient> {
      const { recipientFingerprint, validateRecipients } = await exportEngine();
      let publicKey: string;
      try {
        [publicKey] = validateRecipients([input.publicKey]) as [string];
      } catch (error) {
        if (isExportError(error, 'recipient_unsupported'))
          throw Object.assign(error, { issues: fieldError('publicKey', error.messages.sv, error.messages.en).issues });
        throw fieldError('publicKey', 'Ange en giltig age-nyckel (age1… med 62 tecken).', 'Enter a valid age key (age1…, 62 characters).');
      }
      return tx(() => {
        const holder = store.recipientByKey(publicKey);
        if (holder) {
          throw new AppError('conflict', { sv: `Nyckeln är redan sparad som ”${holder.name}”.`, en: `The key is already saved as “${holder.name}”.` }, [
            { path: 'publicKey', message: { sv: 'Nyckeln är redan sparad.', en: 'The key is already saved.' } },
          ]);
        }
        const row = store.insertRecipient({ name: input.name, publicKey, fingerprint: recipientFingerprint(publicKey) });
        audit.record({ action: 'create', entity: 'exportRecipient', entityId: row.id, fields: ['name', 'publicKey'] });
        return row;
      });
    },

    /** Past exports keep their fingerprints in the log, so a recipient can always be removed. */
    delete({ id }: ParsedInput<'recipients.delete'>): { deleted: true } {
      return tx(() => {
        if (!store.deleteRecipient(id)) throw notFound(recipientLabel);
        audit.record({ action: 'delete', entity: 'exportRecipient', entityId: id, fields: [] });
        return { deleted: true as const };
      });
    },
  };
}
