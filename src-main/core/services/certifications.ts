import type { Certification, ParsedInput } from '../../contract';
import { conflict, fieldErrorWith } from '../domain/errors';
import type { ServiceContext } from './context';
import { certificationMissing, leaderChecks } from './leader-checks';
import { gatherLeaderFacts, toCertification } from './leaders-facts';

/** Minimum length of a written reason for certifying someone who does not meet the requirements. */
export const minOverrideReason = 10;

/** Certifying leaders against their programme's pathway requirements, and the certifications made. */
export function certificationService({ repos, tx, audit, clock }: ServiceContext) {
  const check = leaderChecks(repos);
  const certification = (id: string): Certification => {
    const row = repos.certification.get(id);
    if (!row) throw certificationMissing();
    return toCertification(row);
  };

  return {
    list: (input: ParsedInput<'certifications.list'>): Certification[] => repos.certification.list(input).map(toCertification),

    /**
     * Certifies a leader when the computed requirements are met; otherwise only with a written
     * reason, which is kept with the certification.
     */
    certify: (input: ParsedInput<'certifications.certify'>): Certification =>
      tx(() => {
        const leader = check.leader(input.leaderId, 'leaderId');
        check.supervisor(input.supervisorId, 'supervisorId');
        check.programme(input.programmeId);
        if (input.supervisorId === input.leaderId) {
          throw fieldErrorWith('supervisorId', { sv: 'En handledare kan inte certifiera sig själv.', en: 'A supervisor cannot certify themselves.' });
        }
        if (input.date > clock.today()) {
          throw fieldErrorWith('date', { sv: 'Certifieringsdatumet kan inte ligga i framtiden.', en: 'The certification date cannot be in the future.' });
        }
        if (repos.certification.forPair(input.leaderId, input.programmeId)) {
          throw conflict({ sv: `${leader.name} är redan certifierad för programmet.`, en: `${leader.name} is already certified for the programme.` });
        }
        const facts = gatherLeaderFacts(repos, clock.today(), input.leaderId, input.programmeId)[0];
        const pathway = facts?.pathways.find((p) => p.programmeId === input.programmeId);
        const met = pathway?.requirementsMet ?? false;
        if (!met && input.overrideReason.length < minOverrideReason) {
          const missingItems = (pathway?.checklist ?? []).filter((c) => !c.met).map((c) => c.label.sv.toLowerCase());
          throw fieldErrorWith('overrideReason', {
            sv: `${leader.name} uppfyller inte kraven${missingItems.length ? ` (saknas: ${missingItems.join(', ')})` : ''}. Skriv en motivering (minst ${minOverrideReason} tecken) för att ändå certifiera.`,
            en: `${leader.name} does not meet the requirements. Write a reason (at least ${minOverrideReason} characters) to certify anyway.`,
          });
        }
        const id = repos.certification.insert({
          leaderId: input.leaderId,
          programmeId: input.programmeId,
          date: input.date,
          supervisorId: input.supervisorId,
          requirementsMet: met,
          overrideReason: met ? null : input.overrideReason,
          note: input.note,
        });
        audit.record({
          action: 'create',
          entity: 'certification',
          entityId: id,
          fields: ['leaderId', 'programmeId', 'date', 'supervisorId', ...(met ? [] : ['overrideReason'])],
        });
        return certification(id);
      }),

    delete: ({ id }: ParsedInput<'certifications.delete'>) =>
      tx(() => {
        certification(id);
        repos.certification.delete(id);
        audit.record({ action: 'delete', entity: 'certification', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
