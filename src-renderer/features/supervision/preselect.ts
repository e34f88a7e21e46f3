interface RunningGroup {
  id: string;
  status: string;
  leaders: readonly { id: string }[];
}

export interface Preselection {
  leaderIds: string[];
  groupIds: string[];
}

const running = (g: RunningGroup) => g.status !== 'cancelled' && g.status !== 'completed';

/**
 * What a new supervision record starts with when opened from a leader or from a group flagged for
 * supervision: group supervision is about a group, so the group and everyone leading it are ticked.
 * From a leader with exactly one running group that group is meant; with several, only the leader
 * is ticked, since guessing among them would record the wrong group.
 */
export function preselection(groups: readonly RunningGroup[], leaderId: string | null, groupId: string | null): Preselection {
  const flagged = groupId ? groups.find((g) => g.id === groupId) : undefined;
  const leaderGroups = leaderId ? groups.filter((g) => running(g) && g.leaders.some((l) => l.id === leaderId)) : [];
  const group = flagged ?? (leaderGroups.length === 1 ? leaderGroups[0] : undefined);
  const leaderIds = [...new Set([...(leaderId ? [leaderId] : []), ...(group?.leaders.map((l) => l.id) ?? [])])];
  return { leaderIds, groupIds: group ? [group.id] : [] };
}
