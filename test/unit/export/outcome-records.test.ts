import { describe, expect, it } from 'vitest';
import { csvRecords, excelCsvRecords } from '../../../src-main/core/export/csv';
import type { SourceGroup, SourceResponse } from '../../../src-main/core/export/model';
import { buildOutcomeTables } from '../../../src-main/core/export/outcome-tables';
import { createPseudonymiser } from '../../../src-main/core/export/pseudonym';
import type { ColumnDef } from '../../../src-main/core/export/table-def';
import { TEST_KEY } from './fixtures';

/**
 * responses.csv is written from records that write each response's shared cells once; they must
 * be the very text the CSV writer makes of the table's rows, for either separator, hostile codes
 * included, whether read in one go or a page of groups at a time.
 */

const group = (id: string): SourceGroup => ({
  id,
  attendanceRecording: 'per_person',
  programmeId: 'p',
  unitId: 'u',
  startDate: '2025-03-03',
  status: 'completed',
});
const responses: SourceResponse[] = [
  {
    participantId: 'a',
    groupId: 'g1',
    instrumentCode: 'SDQ',
    instrumentVersion: '1',
    timepoint: 'pre',
    date: '2025-02-24',
    answers: '{"q1":1,"q2":null,"q3":4}',
    source: 'form',
  },
  {
    participantId: 'b',
    groupId: 'g1',
    instrumentCode: 'X;=1',
    instrumentVersion: '-2,"3"',
    timepoint: 'post',
    date: '2025-04-07',
    answers: '{"=cmd":2,"a,b":0}',
    source: 'import',
  },
  { participantId: 'c', groupId: 'g2', instrumentCode: 'SDQ', instrumentVersion: '1', timepoint: 'fu6', date: '2025-10-01', answers: 'not json', source: null },
  {
    participantId: 'left-out',
    groupId: 'g2',
    instrumentCode: 'SDQ',
    instrumentVersion: '1',
    timepoint: 'pre',
    date: '2025-03-01',
    answers: '{"q1":5}',
    source: 'form',
  },
  { participantId: 'd', groupId: 'g2', instrumentCode: 'SDQ', instrumentVersion: '1', timepoint: 'pre', date: '2025-03-01', answers: '{}', source: null },
  {
    participantId: 'e',
    groupId: 'g2',
    instrumentCode: 'SDQ',
    instrumentVersion: '1',
    timepoint: 'pre',
    date: '2025-03-01',
    answers: '{"q1":-1.5}',
    source: null,
  },
  // JSON, but not answers by item: no rows, and no failure of the whole export.
  { participantId: 'f', groupId: 'g2', instrumentCode: 'SDQ', instrumentVersion: '1', timepoint: 'pre', date: '2025-03-01', answers: 'null', source: null },
  { participantId: 'g', groupId: 'g2', instrumentCode: 'SDQ', instrumentVersion: '1', timepoint: 'pre', date: '2025-03-01', answers: '[3]', source: null },
];

describe('responses.csv records', () => {
  it('are the text the CSV writer makes of the rows, with either separator', () => {
    const column = (name: string): ColumnDef => ({ name, type: 'string', required: true, description: { sv: name, en: name } });
    const [table] = buildOutcomeTables({
      outcomes: {
        instruments: [{ code: 'SDQ', version: '1', definition: '{}' }],
        responses: () => responses,
        responsesOfGroups: (groupIds) => responses.filter((r) => groupIds.includes(r.groupId)),
        scores: () => [],
      },
      pseudo: createPseudonymiser(TEST_KEY),
      groups: new Map([
        ['g1', group('g1')],
        ['g2', group('g2')],
      ]),
      isEnrolled: (participantId) => participantId !== 'left-out',
      participantIdColumn: column('participant_id'),
      groupIdColumn: column('group_id'),
    });
    const rows = [...(table!.rows() as Iterable<(string | number | null)[]>)];
    // Three answers of a, two of b, one of e: c's answers are not JSON, d's are none, f's and g's not by item.
    expect(rows).toHaveLength(6);
    expect([...table!.records!(',')].join('')).toBe(csvRecords(rows));
    expect([...table!.records!(';')].join('')).toBe(excelCsvRecords(rows));
    // Written a page of groups at a time (response-pages.ts), the records are the same.
    for (const delimiter of [',', ';'] as const) {
      const pages = [...table!.recordsOfGroups!(['g1'], delimiter), ...table!.recordsOfGroups!(['g2'], delimiter)];
      expect(pages.join('')).toBe(delimiter === ',' ? csvRecords(rows) : excelCsvRecords(rows));
    }
  });
});
