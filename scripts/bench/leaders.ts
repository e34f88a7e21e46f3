import { createRandom } from '../../src-main/core/demo/random';
import type { BenchSection } from './context';

/**
 * Leader pathway: the supervisor overview computes every leader's pathway and attention
 * flags in one call, and a leader page gathers one leader's groups, supervision and trends.
 */
export const leadersSection: BenchSection = async (ctx) => {
  const rnd = createRandom('bench-leaders');
  const leaderIds = ctx.demo.staff.filter((s) => s.isLeader === 1).map((s) => s.id);
  const supervisorIds = ctx.demo.staff.filter((s) => s.isSupervisor === 1).map((s) => s.id);

  ctx.record('leaders.overview, all leaders (p50 / p95)', 'p95 < 50 ms at scale 100', await ctx.timeCalls(() => ['leaders.overview', {}]));
  // Kept rows, but a different sort and filter each call (the supervisor clicking through the table).
  const sorts = ['name', 'status', 'attention', 'attendance', 'fidelity', 'lastSupervision', 'groups'] as const;
  ctx.record(
    'leaders.overview, all leaders, changing sort and filter (p50 / p95)',
    '',
    await ctx.timeCalls(() => ['leaders.overview', { sort: rnd.pick(sorts), direction: rnd.pick(['asc', 'desc']), attentionOnly: rnd.pick([true, false]) }]),
  );
  // The overview keeps its rows until the database changes; a one-row write before each call
  // (not timed) shows what the first look after any change costs.
  const touch = ctx.app.db.sqlite.prepare('update staff set updated_at = updated_at where id = ?');
  ctx.record(
    'leaders.overview, all leaders, first call after a write (p50 / p95)',
    '',
    await ctx.timeCalls(() => {
      touch.run(rnd.pick(leaderIds));
      return ['leaders.overview', {}];
    }),
  );
  // What the screen asks for (its first page of 100, ten needing attention beside it), the first
  // time after a one-row write: a leader's own row, and a participant's (what an attendance mark
  // changes), which reaches the leaders of that participant's group.
  const screen = { sort: 'name', limit: 100, attentionLimit: 10 };
  ctx.record(
    "leaders.overview, the screen's first page, first call after a write to a leader (p50 / p95)",
    'p95 < 16 ms at scale 100',
    await ctx.timeCalls(() => {
      touch.run(rnd.pick(leaderIds));
      return ['leaders.overview', screen];
    }),
  );
  const participantIds = ctx.participation.participants.map((p) => p.id);
  const touchParticipant = ctx.app.db.sqlite.prepare('update participants set updated_at = updated_at where id = ?');
  ctx.record(
    "leaders.overview, the screen's first page, first call after a write to a participant (p50 / p95)",
    'p95 < 16 ms at scale 100',
    await ctx.timeCalls(() => {
      touchParticipant.run(rnd.pick(participantIds));
      return ['leaders.overview', screen];
    }),
  );
  // The overview's change notes make every write to the tables it reads a little dearer.
  const cancelledGroups = new Set(ctx.demo.groups.filter((g) => g.status === 'cancelled').map((g) => g.id));
  const sessionGroup = new Map(ctx.demo.sessions.map((x) => [x.id, x.groupId]));
  const cells = ctx.participation.attendance.filter((a) => !cancelledGroups.has(sessionGroup.get(a.sessionId)!)).map((a) => ({ ...a }));
  const states = ['present', 'absent', 'absent_with_notice'] as const;
  ctx.record(
    'attendance.set, one cell, after the leaders overview was read (p50 / p95)',
    'p95 < 5 ms',
    await ctx.timeCalls(() => {
      const cell = rnd.pick(cells);
      cell.state = states[(states.indexOf(cell.state) + 1) % 3]!;
      return ['attendance.set', { participantId: cell.participantId, sessionId: cell.sessionId, state: cell.state }];
    }),
  );
  ctx.record(
    "leaders.overview, one supervisor's leaders (p50 / p95)",
    '',
    await ctx.timeCalls(() => ['leaders.overview', { scope: 'supervised', supervisorId: rnd.pick(supervisorIds) }]),
  );
  ctx.record(
    'leaders.page, random leader (p50 / p95)',
    'p95 < 30 ms at scale 100',
    await ctx.timeCalls(() => ['leaders.page', { leaderId: rnd.pick(leaderIds) }]),
  );
  const certified = ctx.pathway.certifications;
  if (certified.length > 0) {
    ctx.record(
      'leaders.certificateSummary, certified leader (p50 / p95)',
      '',
      await ctx.timeCalls(() => {
        const c = rnd.pick(certified);
        return ['leaders.certificateSummary', { leaderId: c.leaderId, programmeId: c.programmeId }];
      }),
    );
  }
};
