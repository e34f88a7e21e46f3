/** The fields of a session the choice needs (groups.get's and the dashboard's sessions both have them). */
export interface RecordableSession {
  id: string;
  status: 'planned' | 'held' | 'cancelled';
  plannedDate: string;
  number: number;
}

/**
 * The session a leader most likely wants to record: the latest planned one that has already taken
 * place (the one just run), else the next planned one. Null when every session is recorded.
 */
export function nextToRecord<S extends RecordableSession>(sessions: readonly S[], today: string): S | null {
  const planned = sessions.filter((s) => s.status === 'planned');
  const past = planned.filter((s) => s.plannedDate <= today).sort((a, b) => b.plannedDate.localeCompare(a.plannedDate) || b.number - a.number);
  if (past[0]) return past[0];
  return planned.sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.number - b.number)[0] ?? null;
}

export const recordRoute = (groupId: string, sessionId: string) => `/groups/${groupId}/sessions/${sessionId}/record`;
