import type { EntryOutcome, EntryStateValue, ParsedInput, ProcedureOutput } from '../../contract';
import { textLimits } from '../../contract/limits';
import { AppError, notFound } from '../errors';
import { agree, differencesOf, reconcile, type Typing } from '../outcomes/double-entry';
import { checkResponse, type CheckedResponse, type ResponseFault, type ResponseLookups } from '../outcomes/response-check';
import type { EntryRow } from '../repos/outcomes';
import type { ServiceContext } from './context';
import { instrumentCache } from './instruments';

export type Recorded = ProcedureOutput<'responses.record'>;

interface Shared {
  lookups(): ResponseLookups;
  refused(faults: ResponseFault[]): AppError;
  recordChecked(checked: CheckedResponse, enteredBy: string): Recorded;
  doubleEntry(participantId: string, instrument: string, timepoint: string): boolean;
}

export const typedTwice = () =>
  new AppError('conflict', {
    sv: 'Det här formuläret matas in två gånger av olika personer: spara det som första eller andra inmatning.',
    en: 'This form is entered twice by different people: save it as the first or second entry.',
  });

const typingOf = (row: EntryRow): Typing => ({ date: row.date, answers: JSON.parse(row.answers) as Typing['answers'] });
/** Both typists are named on the response, as far as the field holds. */
const typists = (a: EntryRow, b: { enteredBy: string }) =>
  (a.enteredBy === b.enteredBy ? a.enteredBy : `${a.enteredBy} / ${b.enteredBy}`).slice(0, textLimits.name);

/**
 * Double entry (where a schedule point asks for it): the first typing waits, unseen, for a second
 * typing by another signed-in user; agreeing typings become the response at once, differing ones
 * wait for someone to decide each difference against the paper. `actor` is the signed-in user.
 */
export function doubleEntryService({ repos, tx, audit }: Pick<ServiceContext, 'repos' | 'tx' | 'audit'>, shared: Shared) {
  const itemCodes = (row: EntryRow): string[] => instrumentCache(repos)(row.instrumentCode, row.instrumentVersion)!.definition.items.map((i) => i.code);

  return {
    entryState: ({ participantId, instrument, timepoint }: ParsedInput<'responses.entryState'>, actor: string): EntryStateValue => {
      if (!repos.outcomes.programmeOfParticipant(participantId)) throw notFound({ sv: 'Deltagaren', en: 'The participant' });
      const entries = repos.outcomes.entriesAt(participantId, instrument, timepoint);
      const [first, second] = entries;
      const differences = first && second ? differencesOf(itemCodes(first), typingOf(first), typingOf(second)) : null;
      return {
        doubleEntry: shared.doubleEntry(participantId, instrument, timepoint),
        recorded: repos.outcomes.responseAt(participantId, instrument, timepoint) !== undefined,
        entries: entries.map((e) => ({ enteredBy: e.enteredBy, userName: e.userName, date: e.date, mine: e.userName === actor })),
        differences: differences && !agree(differences) ? differences : null,
      };
    },

    /** One typing of a form: recorded at once when the form is entered once, else held for the other typing. */
    enter: (input: ParsedInput<'responses.enter'>, actor: string): EntryOutcome =>
      tx(() => {
        const entries = repos.outcomes.entriesAt(input.participantId, input.instrument, input.timepoint);
        const [first] = entries;
        // The second typing is scored under the version the first was typed with.
        const checked = checkResponse({ ...input, version: first?.instrumentVersion ?? input.version }, shared.lookups());
        if (!checked.ok) throw shared.refused(checked.faults);
        const value = checked.value;
        if (!shared.doubleEntry(input.participantId, value.instrumentCode, input.timepoint)) {
          return { state: 'recorded', recorded: shared.recordChecked(value, input.enteredBy) };
        }
        if (entries.length >= 2) {
          throw new AppError('conflict', {
            sv: 'Formuläret är redan inmatat två gånger: stäm av skillnaderna.',
            en: 'The form has already been entered twice: reconcile the differences.',
          });
        }
        if (first?.userName === actor) {
          throw new AppError('conflict', {
            sv: 'Du har redan gjort första inmatningen: den andra görs av någon annan.',
            en: 'You made the first entry: the second is made by someone else.',
          });
        }
        const typing: Typing = { date: value.date, answers: value.answers };
        if (first && agree(differencesOf(itemCodes(first), typingOf(first), typing))) {
          repos.outcomes.deleteEntries(input.participantId, value.instrumentCode, input.timepoint);
          audit.record({ action: 'create', entity: 'responseEntry', entityId: first.id, fields: ['answers'] });
          return { state: 'recorded', recorded: shared.recordChecked(value, typists(first, input)) };
        }
        const id = repos.outcomes.insertEntry({
          participantId: input.participantId,
          instrumentCode: value.instrumentCode,
          instrumentVersion: value.instrumentVersion,
          timepoint: input.timepoint,
          date: value.date,
          enteredBy: input.enteredBy,
          userName: actor,
          answers: JSON.stringify(value.answers),
        });
        audit.record({ action: 'create', entity: 'responseEntry', entityId: id, fields: ['answers'] });
        if (!first) return { state: 'waiting' };
        return { state: 'differences', differences: differencesOf(itemCodes(first), typingOf(first), typing) };
      }),

    /** Decides every difference between the two typings and records the response they give. */
    reconcile: (input: ParsedInput<'responses.reconcile'>): Recorded =>
      tx(() => {
        const [first, second] = repos.outcomes.entriesAt(input.participantId, input.instrument, input.timepoint);
        if (!first || !second) {
          throw new AppError('conflict', {
            sv: 'Det finns inga två inmatningar att stämma av för formuläret.',
            en: 'There are no two entries of the form to reconcile.',
          });
        }
        const result = reconcile(itemCodes(first), typingOf(first), typingOf(second), { date: input.date, answers: input.answers });
        if (!result.ok) {
          const message = { sv: 'Välj ett värde för varje skillnad.', en: 'Choose a value for every difference.' };
          throw new AppError(
            'validation',
            message,
            result.undecided.map((code) => ({ path: code === 'date' ? 'date' : `answers.${code}`, message })),
          );
        }
        const checked = checkResponse(
          { participantId: first.participantId, instrument: first.instrumentCode, version: first.instrumentVersion, timepoint: first.timepoint, ...result },
          shared.lookups(),
        );
        if (!checked.ok) throw shared.refused(checked.faults);
        repos.outcomes.deleteEntries(first.participantId, first.instrumentCode, first.timepoint);
        const recorded = shared.recordChecked(checked.value, typists(first, second));
        audit.record({ action: 'reconcile', entity: 'responseEntry', entityId: recorded.id, fields: ['answers'] });
        return recorded;
      }),
  };
}
