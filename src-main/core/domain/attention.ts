import type { Bilingual } from '../errors';
import { dateInWords } from './dates-in-words';

const veckor = (n: number) => `${n} ${n === 1 ? 'vecka' : 'veckor'}`;
const weeksEn = (n: number) => `${n} ${n === 1 ? 'week' : 'weeks'}`;

export type AttentionRule = 'no_supervision' | 'low_attendance' | 'low_fidelity' | 'ready_for_certification' | 'follow_up_overdue';

export interface AttentionParams {
  noSupervisionWeeks: number;
  lowAttendancePercent: number;
  lowFidelityPercent: number;
}
export const defaultAttentionParams: AttentionParams = { noSupervisionWeeks: 4, lowAttendancePercent: 60, lowFidelityPercent: 70 };

export interface AttentionFlag {
  rule: AttentionRule;
  message: Bilingual;
  groupId: string | null;
  programmeId: string | null;
  followUpId: string | null;
  value: number | null;
  threshold: number | null;
}

export interface GroupForAttention {
  groupId: string;
  label: string;
  status: 'planned' | 'running' | 'completed' | 'cancelled';
  startDate: string;
  lastSupervisionDate: string | null;
  /** Present marks out of all marks (0–1); null without marks. */
  attendance: number | null;
  /** Mean session fidelity (0–100); null without records. */
  fidelity: number | null;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const percent = (share: number) => Math.round(share * 1000) / 10;
const flag = (rule: AttentionRule, message: Bilingual, extra: Partial<AttentionFlag>): AttentionFlag => ({
  rule,
  message,
  groupId: null,
  programmeId: null,
  followUpId: null,
  value: null,
  threshold: null,
  ...extra,
});

/**
 * A running group has gone the given number of weeks (or more) without a supervision session
 * about it, counted from its last supervision or, before the first, from its start.
 */
export function noSupervisionRule(g: GroupForAttention, today: string, p: AttentionParams): AttentionFlag | null {
  if (g.status !== 'running') return null;
  const since = g.lastSupervisionDate ?? g.startDate;
  const days = daysBetween(since, today);
  if (days < p.noSupervisionWeeks * 7) return null;
  const weeks = Math.floor(days / 7);
  const sinceDay = dateInWords(since);
  return flag(
    'no_supervision',
    g.lastSupervisionDate
      ? {
          sv: `${g.label}: ingen handledning på ${veckor(weeks)} (senast ${sinceDay.sv}; gräns ${veckor(p.noSupervisionWeeks)}).`,
          en: `${g.label}: no supervision for ${weeksEn(weeks)} (last ${sinceDay.en}; limit ${weeksEn(p.noSupervisionWeeks)}).`,
        }
      : {
          sv: `${g.label}: ingen handledning på ${veckor(weeks)}, sedan gruppen startade ${sinceDay.sv} (gräns ${veckor(p.noSupervisionWeeks)}).`,
          en: `${g.label}: no supervision for ${weeksEn(weeks)}, since the group started on ${sinceDay.en} (limit ${weeksEn(p.noSupervisionWeeks)}).`,
        },
    { groupId: g.groupId, value: weeks, threshold: p.noSupervisionWeeks },
  );
}

/** A running group's attendance is below the limit (exactly at the limit is fine). */
export function lowAttendanceRule(g: GroupForAttention, p: AttentionParams): AttentionFlag | null {
  if (g.status !== 'running' || g.attendance === null || g.attendance * 100 >= p.lowAttendancePercent) return null;
  const value = percent(g.attendance);
  return flag(
    'low_attendance',
    {
      sv: `${g.label}: närvaron är ${value} % (gräns ${p.lowAttendancePercent} %).`,
      en: `${g.label}: attendance is ${value} % (limit ${p.lowAttendancePercent} %).`,
    },
    { groupId: g.groupId, value, threshold: p.lowAttendancePercent },
  );
}

/** A running group's mean session fidelity is below the limit (exactly at the limit is fine). */
export function lowFidelityRule(g: GroupForAttention, p: AttentionParams): AttentionFlag | null {
  if (g.status !== 'running' || g.fidelity === null || g.fidelity >= p.lowFidelityPercent) return null;
  const value = Math.round(g.fidelity * 10) / 10;
  return flag(
    'low_fidelity',
    {
      sv: `${g.label}: programtroheten är ${value} % (gräns ${p.lowFidelityPercent} %).`,
      en: `${g.label}: fidelity is ${value} % (limit ${p.lowFidelityPercent} %).`,
    },
    { groupId: g.groupId, value, threshold: p.lowFidelityPercent },
  );
}

/** The requirements of a programme are met but no certification is recorded. */
export function readyForCertificationRule(pathway: {
  programmeId: string;
  programmeCode: string;
  requirementsMet: boolean;
  certified: boolean;
}): AttentionFlag | null {
  if (!pathway.requirementsMet || pathway.certified) return null;
  return flag(
    'ready_for_certification',
    {
      sv: `Uppfyller kraven för ${pathway.programmeCode} men är inte certifierad.`,
      en: `Meets the requirements for ${pathway.programmeCode} but is not certified.`,
    },
    { programmeId: pathway.programmeId },
  );
}

/** A follow-up action not done by its due date; due today is not yet overdue. */
export function followUpOverdueRule(f: { id: string; text: string; dueDate: string; done: boolean }, today: string): AttentionFlag | null {
  if (f.done || f.dueDate >= today) return null;
  const days = daysBetween(f.dueDate, today);
  return flag(
    'follow_up_overdue',
    {
      sv: `Uppföljning försenad ${days} ${days === 1 ? 'dag' : 'dagar'} (skulle vara klar ${dateInWords(f.dueDate).sv}).`,
      en: `Follow-up ${days} ${days === 1 ? 'day' : 'days'} overdue (due ${dateInWords(f.dueDate).en}).`,
    },
    { followUpId: f.id, value: days, threshold: 0 },
  );
}

/** The legend the overview shows: what each rule looks at, with its current limit. */
export function ruleExplanations(p: AttentionParams): { rule: AttentionRule; title: Bilingual; explanation: Bilingual; threshold: number | null }[] {
  return [
    {
      rule: 'no_supervision',
      threshold: p.noSupervisionWeeks,
      title: { sv: 'Handledning saknas', en: 'No supervision' },
      explanation: {
        sv: `En pågående grupp har inte tagits upp på handledning på ${p.noSupervisionWeeks} veckor eller mer (räknat från senaste handledning, annars från gruppens start).`,
        en: `A running group has not been discussed in supervision for ${p.noSupervisionWeeks} weeks or more (counted from the last supervision, otherwise from the group's start).`,
      },
    },
    {
      rule: 'low_attendance',
      threshold: p.lowAttendancePercent,
      title: { sv: 'Låg närvaro', en: 'Low attendance' },
      explanation: {
        sv: `En pågående grupp har under ${p.lowAttendancePercent} % närvaro på hållna träffar.`,
        en: `A running group has below ${p.lowAttendancePercent} % attendance at held sessions.`,
      },
    },
    {
      rule: 'low_fidelity',
      threshold: p.lowFidelityPercent,
      title: { sv: 'Låg programtrohet', en: 'Low fidelity' },
      explanation: {
        sv: `En pågående grupp har i genomsnitt under ${p.lowFidelityPercent} % programtrohet per träff.`,
        en: `A running group averages below ${p.lowFidelityPercent} % fidelity per session.`,
      },
    },
    {
      rule: 'ready_for_certification',
      threshold: null,
      title: { sv: 'Redo för certifiering', en: 'Ready for certification' },
      explanation: {
        sv: 'Ledaren uppfyller programmets krav men är ännu inte certifierad.',
        en: 'The leader meets the programme’s requirements but is not yet certified.',
      },
    },
    {
      rule: 'follow_up_overdue',
      threshold: 0,
      title: { sv: 'Försenad uppföljning', en: 'Overdue follow-up' },
      explanation: {
        sv: 'En uppföljning från handledning är inte klar fast förfallodagen har passerat.',
        en: 'A follow-up from supervision is not done although its due date has passed.',
      },
    },
  ];
}
