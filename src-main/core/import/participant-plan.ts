import type { Consent, Relation } from '../../contract/enums';
import { participantInput } from '../../contract/schemas/participants';
import type { Repos } from '../repos';
import { cellDate, cellText, notADate } from './cell-values';
import type { ColumnMapping } from './mapping';
import { nameKey, programmeLookup, readGroupKey, rowReader } from './row-reader';
import { countRows, type ImportPlan, type PlannedRow } from './plan-types';
import type { ImportTable } from './read-table';
import { unitLookup } from './unit-lookup';
import { schemaIssues } from './zod-issues';

export type ParticipantImportInput = ReturnType<typeof participantInput.parse> & {
  /** Rows with the same family key in the file share one family. */
  familyKey: string | null;
};

const relationWords = new Map<string, Relation>([
  ['mamma', 'mother'],
  ['mor', 'mother'],
  ['mother', 'mother'],
  ['mom', 'mother'],
  ['pappa', 'father'],
  ['far', 'father'],
  ['father', 'father'],
  ['dad', 'father'],
  ['vårdnadshavare', 'other_caregiver'],
  ['annan vårdnadshavare', 'other_caregiver'],
  ['other caregiver', 'other_caregiver'],
  ['caregiver', 'other_caregiver'],
  ['familjehem', 'foster_parent'],
  ['familjehemsförälder', 'foster_parent'],
  ['fosterförälder', 'foster_parent'],
  ['foster parent', 'foster_parent'],
  ['lärare', 'teacher'],
  ['teacher', 'teacher'],
  ['förskolepersonal', 'preschool_staff'],
  ['preschool staff', 'preschool_staff'],
]);
const consentWords = new Map<string, Consent>([
  ['ja', 'yes'],
  ['yes', 'yes'],
  ['x', 'yes'],
  ['nej', 'no'],
  ['no', 'no'],
  ['', 'not_asked'],
  ['ej tillfrågad', 'not_asked'],
  ['inte tillfrågad', 'not_asked'],
  ['not asked', 'not_asked'],
]);

const fieldOfPath: Record<string, string> = {
  displayName: 'name',
  relation: 'relation',
  enrolmentDate: 'enrolmentDate',
  consent: 'consent',
  consentDate: 'consentDate',
  groupId: 'groupStart',
};

/** Participants name their group by programme, unit and start date; they are the same person by group and name. */
export function planParticipants(repos: Repos, table: ImportTable, mapping: ColumnMapping): ImportPlan<ParticipantImportInput> {
  const finders = { programme: programmeLookup(repos.programmes.list(true), false), unit: unitLookup(repos.units.list(true)) };
  const groupByKey = new Map(repos.groups.naturalKeys().map((g) => [`${g.programmeId}|${g.unitId}|${g.startDate}`, g]));
  const namesInGroup = new Map<string, Set<string>>();
  const existingNames = (groupId: string) => {
    let names = namesInGroup.get(groupId);
    if (!names) {
      names = new Set(repos.participants.listForGroup(groupId).map((p) => nameKey(p.displayName)));
      namesInGroup.set(groupId, names);
    }
    return names;
  };
  const seen = new Map<string, number>();
  const { header, read } = rowReader(table, mapping);

  const rows = table.rows.map(({ rowNumber, cells }): PlannedRow<ParticipantImportInput> => {
    const row = read(cells);
    const { cell, issues, add, addMessage } = row;
    const name = cellText(cell('name'));

    const {
      programme,
      unit,
      startDate: start,
    } = readGroupKey(row, finders, 'groupStart', {
      sv: 'ange gruppens startdatum',
      en: "give the group's start date",
    });
    const group = programme && unit && start ? groupByKey.get(`${programme.id}|${unit.id}|${start}`) : undefined;
    if (programme && unit && start && !group) {
      add(
        'groupStart',
        `det finns ingen grupp i ${programme.code} på ${unit.name} som startar ${start}; lägg upp gruppen först`,
        `there is no ${programme.code} group at ${unit.name} starting ${start}; add the group first`,
      );
    }

    const relationText = cellText(cell('relation')).toLowerCase();
    const relation = relationWords.get(relationText);
    if (!relation) {
      add(
        'relation',
        relationText
          ? `okänd relation '${relationText}' (skriv mamma, pappa, vårdnadshavare, familjehem, lärare eller förskolepersonal)`
          : 'ange relation (mamma, pappa, vårdnadshavare, familjehem, lärare eller förskolepersonal)',
        relationText
          ? `unknown relation '${relationText}' (write mother, father, caregiver, foster parent, teacher or preschool staff)`
          : 'give the relation (mother, father, caregiver, foster parent, teacher or preschool staff)',
      );
    }
    const enrolRaw = cellText(cell('enrolmentDate'));
    // Lists often leave the enrolment date out: the group's start is when the parent joined.
    const enrolmentDate = enrolRaw ? cellDate(cell('enrolmentDate')) : (start ?? null);
    if (enrolRaw && !enrolmentDate) addMessage('enrolmentDate', notADate(enrolRaw));
    const consentText = cellText(cell('consent')).toLowerCase();
    const consent = consentWords.get(consentText);
    if (!consent)
      add('consent', `okänt samtycke '${consentText}' (skriv ja, nej eller ej tillfrågad)`, `unknown consent '${consentText}' (write yes, no or not asked)`);
    const consentRaw = cellText(cell('consentDate'));
    const consentDate = consentRaw ? cellDate(cell('consentDate')) : null;
    if (consentRaw && !consentDate) addMessage('consentDate', notADate(consentRaw));

    const label = name || `(${rowNumber})`;
    if (issues.length || !group || !relation || !consent || !enrolmentDate) return { rowNumber, status: 'invalid', label, issues };
    const candidate = { groupId: group.id, displayName: name, relation, enrolmentDate, consent, consentDate };
    const parsed = participantInput.safeParse(candidate);
    if (!parsed.success) {
      for (const i of schemaIssues(participantInput, candidate)) issues.push({ column: header(fieldOfPath[i.path.split('.')[0]!] ?? ''), message: i.message });
      return { rowNumber, status: 'invalid', label, issues };
    }
    if (group.status === 'cancelled') {
      add('groupStart', 'gruppen är inställd, så inga deltagare kan läggas till', 'the group is cancelled, so no participants can be added');
      return { rowNumber, status: 'invalid', label, issues };
    }
    const key = `${group.id}|${nameKey(name)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return { rowNumber, status: 'duplicate', label, issues, sameAsRow: earlier };
    seen.set(key, rowNumber);
    if (existingNames(group.id).has(nameKey(name))) return { rowNumber, status: 'existing', label, issues };
    const familyText = cellText(cell('family'));
    return { rowNumber, status: 'new', label, issues, input: { ...parsed.data, familyKey: familyText ? `${group.id}|${familyText.toLowerCase()}` : null } };
  });
  return { kind: 'participants', rows, counts: countRows(rows) };
}
