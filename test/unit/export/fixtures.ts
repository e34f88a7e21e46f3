import { unzipSync, strFromU8 } from 'fflate';
import type {
  ExportSource,
  SourceAttendance,
  SourceFidelity,
  SourceGroup,
  SourceGroupStaff,
  SourceParticipant,
  SourceSession,
} from '../../../src-main/core/export/model';
import { FIDELITY_COMPONENTS, RELATIONS } from '../../../src-main/core/export/model';
import { participantColumns } from '../../../src-main/core/export/participant-columns';

/**
 * A deterministic export source filled with deliberately distinctive identifying values, so that
 * a leak test can search for every one of them in the finished package.
 */

export const TEST_KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

export const LEAK = {
  name: (n: number) => `Zlatanella Qwertyson ${n}`,
  email: (n: number) => `zq.leak${n}@example.invalid`,
  phone: (n: number) => `+46 70 555 ${String(1000 + n)}`,
  note: (n: number) => `LEAKNOTE hemlig anteckning ${n}`,
  venue: 'Hemliga lokalen Kvarngatan 7',
  groupNote: 'GROUPNOTE om familjerna',
  staffName: (n: number) => `Ledaren Xylofonsson ${n}`,
  cancelReason: 'CANCELREASON sjuk ledare',
  fidelityNote: 'FIDNOTE rollspelet hoppades över',
  dropoutFreeText: 'Flyttade till Göteborg med barnen',
  internalId: (kind: string, n: number) => `int-${kind}-c0ffee${String(n).padStart(4, '0')}`,
};

/** Small LCG: deterministic data without a dependency. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SourceOptions {
  groups?: number;
  participantsPerGroup?: number;
  seed?: number;
  /** Attendance rows are generated lazily; this multiplies sessions for large-data tests. */
  sessionsPerGroup?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function makeSource(options: SourceOptions = {}): ExportSource {
  const { groups: groupCount = 6, participantsPerGroup = 6, seed = 7, sessionsPerGroup = 11 } = options;
  const random = rng(seed);
  const programmes = [
    { id: LEAK.internalId('prog', 1), code: 'fKomet', sessionCount: 11 },
    { id: LEAK.internalId('prog', 2), code: 'Tonarskomet', sessionCount: 11 },
  ];
  const units = [
    { id: LEAK.internalId('unit', 1), name: 'Södermalm' },
    { id: LEAK.internalId('unit', 2), name: 'Kista, Rinkeby' },
    { id: LEAK.internalId('unit', 3), name: 'Skärholmen' },
  ];
  const groups: SourceGroup[] = [];
  const sessions: SourceSession[] = [];
  const participants: SourceParticipant[] = [];
  const staff: SourceGroupStaff[] = [];
  for (let g = 0; g < groupCount; g++) {
    const year = 2024 + (g % 2);
    const month = 1 + ((g * 5) % 12);
    const day = 3 + (g % 20);
    const group: SourceGroup = {
      id: LEAK.internalId('group', g),
      attendanceRecording: 'per_person',
      programmeId: programmes[g % 2]!.id,
      unitId: units[g % 3]!.id,
      startDate: `${year}-${pad(month)}-${pad(day)}`,
      status: g % 4 === 0 ? 'running' : 'completed',
      venue: LEAK.venue,
      note: LEAK.groupNote,
    };
    groups.push(group);
    staff.push({ groupId: group.id, staffId: LEAK.internalId('staff', g % 4), role: 'leader', name: LEAK.staffName(g % 4) });
    staff.push({ groupId: group.id, staffId: LEAK.internalId('staff', (g + 1) % 4), role: 'leader', name: LEAK.staffName((g + 1) % 4) });
    staff.push({ groupId: group.id, staffId: LEAK.internalId('staff', 9), role: 'supervisor', name: LEAK.staffName(9) });
    for (let s = 1; s <= sessionsPerGroup; s++) {
      const date = new Date(Date.UTC(year, month - 1, day + (s - 1) * 7));
      const iso = date.toISOString().slice(0, 10);
      const cancelled = s === 4 && g % 3 === 0;
      sessions.push({
        id: LEAK.internalId(`session${g}`, s),
        groupId: group.id,
        number: s,
        plannedDate: iso,
        heldDate: cancelled ? null : iso,
        status: cancelled ? 'cancelled' : 'held',
        isExtra: s > 11,
        participantCount: cancelled ? null : Math.floor(random() * 7),
        cancelReason: cancelled ? LEAK.cancelReason : null,
      });
    }
    for (let p = 0; p < participantsPerGroup; p++) {
      const n = g * 100 + p;
      const status = p === 0 ? 'dropped_out' : p === 5 ? 'never_started' : random() < 0.8 ? 'completed' : 'active';
      participants.push({
        id: LEAK.internalId('person', n),
        groupId: group.id,
        familyId: p % 3 === 1 ? LEAK.internalId('family', g * 10 + p) : p % 3 === 2 ? LEAK.internalId('family', g * 10 + p - 1) : null,
        relation: RELATIONS[p % 4]!,
        childBirthYear: 2013 + ((g + p) % 9),
        childGender: p % 2 === 0 ? 'girl' : 'boy',
        status,
        lastSessionAttended: status === 'dropped_out' ? 3 : null,
        dropoutReason: status === 'dropped_out' ? (g % 2 ? 'moved' : LEAK.dropoutFreeText) : null,
        consent: p === 4 ? 'no' : p === 3 && g % 2 ? 'not_asked' : 'yes',
        displayName: LEAK.name(n),
        contact: `${LEAK.email(n)}, ${LEAK.phone(n)}`,
        note: LEAK.note(n),
        enrolledOn: `${year}-${pad(month)}-${pad(Math.max(1, day - 2))}`,
      });
    }
  }
  const sessionsByGroup = new Map<string, SourceSession[]>();
  for (const s of sessions) sessionsByGroup.set(s.groupId, [...(sessionsByGroup.get(s.groupId) ?? []), s]);
  const attendance = function* (): Generator<SourceAttendance> {
    for (const p of participants) {
      for (const s of sessionsByGroup.get(p.groupId) ?? []) {
        if (s.status !== 'held') continue;
        const r = (s.number * 7 + p.id.length * 13 + p.id.charCodeAt(p.id.length - 1)) % 10;
        yield { participantId: p.id, groupId: s.groupId, sessionNumber: s.number, state: r < 8 ? 'present' : r === 8 ? 'absent' : 'absent_with_notice' };
      }
    }
  };
  const fidelity = function* (): Generator<SourceFidelity> {
    for (const s of sessions) {
      if (s.status !== 'held') continue;
      for (let c = 1; c <= 5; c++) {
        yield {
          groupId: s.groupId,
          sessionNumber: s.number,
          componentNo: c,
          component: FIDELITY_COMPONENTS[c - 1]!,
          covered: (s.number + c) % 5 !== 0,
          note: LEAK.fidelityNote,
        };
      }
    }
  };
  return {
    scope: { from: '2023-06-01', to: '2026-06-30', programmeCodes: ['fKomet', 'Tonarskomet'], unitNames: units.map((u) => u.name) },
    programmes,
    units,
    groups,
    sessions: () => sessions,
    participants: participantColumns(participants),
    groupStaff: () => staff,
    attendance,
    fidelity,
  };
}

export const META = { exportId: 'EXP-TEST-1', created: '2026-09-15T09:30:00.000Z', appVersion: '0.1.0', schemaVersion: 1 };

export async function streamToBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function unzipText(zip: Uint8Array): Record<string, string> {
  const files = unzipSync(zip);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}
