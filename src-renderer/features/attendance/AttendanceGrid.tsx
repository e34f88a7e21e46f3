import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceState, Bilingual, GroupOverview, Participant, SessionCounts } from '@contract';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';
import { StatusBadge } from '../../components/StatusBadge';
import { todayIso } from '../../lib/dates';
import { cellLock, columnLock, currentSessionIndex, move, nextState, stateForKey, type Lock, type Position } from './cellRules';
import { cellKey, useAttendanceSaver } from './useAttendanceSaver';
import './attendance.css';

interface Props {
  overview: GroupOverview;
  groupCancelled: boolean;
}

const stateKey = (s: AttendanceState | null) => (s === null ? 'none' : s);

/**
 * The attendance grid (WAI-ARIA grid pattern): one tab stop, arrows move, letters and digits set
 * the focused cell and save it at once; results are announced in a polite live region.
 */
export function AttendanceGrid({ overview, groupCancelled }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  const today = todayIso();
  const participants = overview.participants;
  const sessions = useMemo(() => [...overview.sessions].sort((a, b) => a.number - b.number), [overview.sessions]);
  const marks = useMemo(() => new Map(overview.marks.map((m) => [cellKey(m.participantId, m.sessionId), m.state])), [overview.marks]);
  const [announcement, setAnnouncement] = useState('');
  const [columnError, setColumnError] = useState<unknown>(null);
  const [advance, setAdvance] = useState(true);
  const refs = useRef(new Map<string, HTMLElement>());
  const frame = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<Position | null>(null);

  const names = useMemo(() => new Map(participants.map((p) => [p.id, p.displayName])), [participants]);
  const numbers = useMemo(() => new Map(sessions.map((s) => [s.id, s.number])), [sessions]);
  const stateLabel = useCallback((s: AttendanceState | null) => t(`attendance.state.${stateKey(s)}`), [t]);

  const onSettled = useCallback(
    (ok: boolean, participantId: string, sessionId: string, state: AttendanceState | null, error?: Bilingual) => {
      const where = t('attendance.cellName', { name: names.get(participantId) ?? '', number: numbers.get(sessionId) ?? '' });
      setAnnouncement(
        ok ? t('attendance.savedCell', { where, state: stateLabel(state) }) : t('attendance.failedCell', { where, reason: error ? pick(error) : '' }),
      );
    },
    [t, names, numbers, stateLabel, pick],
  );
  const saver = useAttendanceSaver(onSettled);

  const firstOpenColumn = sessions.findIndex((s) => columnLock(groupCancelled, s, today) === null && s.markedCount === 0);
  const [active, setActive] = useState<Position>({ row: 1, col: firstOpenColumn >= 0 ? firstOpenColumn + 1 : 1 });
  const dims = { rows: participants.length + 3, cols: sessions.length + 1, dataRows: participants.length };
  const pos = { row: Math.min(active.row, dims.rows - 1), col: Math.min(active.col, dims.cols - 1) };

  // Focus follows a move once the render that moved the tab stop has committed. Effects of an
  // earlier render may still run first (when a data refresh committed just before the key), so
  // the target is checked against this render's position rather than consumed by any effect.
  useEffect(() => {
    const target = focusTarget.current;
    if (!target || target.row !== pos.row || target.col !== pos.col) return;
    focusTarget.current = null;
    refs.current.get(`${pos.row}:${pos.col}`)?.focus();
  });

  // The grid opens at the session to record now (the first one not held, or else the last held),
  // with the one before it in view for comparison; the sticky names stay to its left.
  const currentIndex = currentSessionIndex(sessions);
  useEffect(() => {
    const wrap = frame.current;
    if (!wrap || currentIndex <= 0) return;
    const headings = wrap.querySelectorAll<HTMLElement>('thead th');
    const names = headings[0];
    const before = headings[currentIndex];
    if (!names || !before) return;
    wrap.scrollLeft = Math.max(0, before.offsetLeft - names.offsetWidth);
    // Only on opening (or when another group's grid takes its place): later scrolling is the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [overview.groupId]);

  const go = (next: Position) => {
    focusTarget.current = { row: Math.min(next.row, dims.rows - 1), col: Math.min(next.col, dims.cols - 1) };
    setActive(next);
  };

  const shown = (p: Participant, s: SessionCounts): AttendanceState | null => {
    const key = cellKey(p.id, s.id);
    const local = saver.cells.get(key);
    return local && local.save !== 'failed' ? local.state : (marks.get(key) ?? null);
  };

  const lockText = (lock: Exclude<Lock, null>) => t(`attendance.lock.${lock}`);

  const setCell = (p: Participant, s: SessionCounts, state: AttendanceState | null, row: number, col: number, byKey: boolean) => {
    const lock = cellLock(groupCancelled, s, p, today);
    if (lock) {
      setAnnouncement(`${t('attendance.cellName', { name: p.displayName, number: s.number })}: ${lockText(lock)}`);
      return;
    }
    saver.save(p.id, s.id, state);
    if (byKey && advance && row < dims.dataRows) go({ row: row + 1, col });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.altKey || e.metaKey) return;
    const target = move(pos, e.key, e.ctrlKey, dims);
    if (target) {
      e.preventDefault();
      go(target);
      return;
    }
    if (e.ctrlKey) return;
    const isData = pos.row >= 1 && pos.row <= dims.dataRows && pos.col >= 1;
    if (!isData) return;
    const p = participants[pos.row - 1]!;
    const s = sessions[pos.col - 1]!;
    if (e.key === 'Enter') {
      e.preventDefault();
      const local = saver.cells.get(cellKey(p.id, s.id));
      // Enter retries a failed save; otherwise it confirms the cell and goes on to the next person.
      if (local?.save === 'failed') saver.save(p.id, s.id, local.state);
      else if (pos.row < dims.dataRows) go({ row: pos.row + 1, col: pos.col });
      return;
    }
    const state = stateForKey(e.key);
    if (state === undefined) return;
    e.preventDefault();
    setCell(p, s, state, pos.row, pos.col, true);
  };

  const cellProps = (row: number, col: number) => ({
    ref: (el: HTMLElement | null) => {
      if (el) refs.current.set(`${row}:${col}`, el);
      else refs.current.delete(`${row}:${col}`);
    },
    tabIndex: pos.row === row && pos.col === col ? 0 : -1,
    onFocus: () => {
      if (pos.row !== row || pos.col !== col) setActive({ row, col });
    },
  });

  const markColumn = async (s: SessionCounts) => {
    setColumnError(null);
    try {
      const count = await saver.saveColumn(s.id);
      setAnnouncement(t('attendance.columnDone', { number: s.number, count }));
    } catch (err) {
      setColumnError(err);
      setAnnouncement(t('attendance.columnFailed', { number: s.number }));
    }
  };

  return (
    <>
      <p id="attendance-keys" className="panel__hint attendance-keys">
        {t('attendance.keys')}
      </p>
      <Checkbox className="attendance-advance" label={t('attendance.advance')} checked={advance} onChange={(e) => setAdvance(e.target.checked)} />
      <ErrorAlert error={columnError} />
      <div className="table-wrap attendance-wrap" ref={frame}>
        <table role="grid" className="table attendance-grid" aria-labelledby="attendance-title" aria-describedby="attendance-keys" onKeyDown={onKeyDown}>
          <thead>
            <tr>
              <th scope="col" className="attendance-grid__corner" {...cellProps(0, 0)}>
                {t('attendance.participant')}
              </th>
              {sessions.map((s, i) => {
                const lock = columnLock(groupCancelled, s, today);
                const which = t('attendance.sessionShort', { number: s.number });
                const date = fmt.shortDate(s.heldDate ?? s.plannedDate);
                // Named without the button: a screen reader repeats the header with every cell of the column.
                const name = [which, date, ...(lock ? [t(`attendance.lockShort.${lock}`).toLowerCase()] : [])].join(', ');
                return (
                  <th key={s.id} scope="col" className="attendance-grid__session" aria-label={name} {...(lock ? cellProps(0, i + 1) : {})}>
                    <span className="attendance-grid__number">{which}</span>
                    <span className="attendance-grid__date">{date}</span>
                    {lock ? (
                      <span className="attendance-grid__lock">{t(`attendance.lockShort.${lock}`)}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button--small button--secondary attendance-grid__all"
                        {...cellProps(0, i + 1)}
                        aria-label={t('attendance.allPresentLabel', { number: s.number })}
                        onClick={() => void markColumn(s)}
                      >
                        {t('attendance.allPresent')}
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {participants.map((p, r) => (
              <tr key={p.id}>
                <th scope="row" className="attendance-grid__name" {...cellProps(r + 1, 0)}>
                  <span>{p.displayName}</span>
                  {p.atRisk && <span className="badge badge--at-risk">{t('participants.atRisk')}</span>}
                  {p.status !== 'active' && <StatusBadge kind="participant" status={p.status} />}
                </th>
                {sessions.map((s, c) => {
                  const lock = cellLock(groupCancelled, s, p, today);
                  const state = shown(p, s);
                  const local = saver.cells.get(cellKey(p.id, s.id));
                  const where = t('attendance.cellName', { name: p.displayName, number: s.number });
                  const parts = [`${where}: ${stateLabel(state)}`];
                  if (lock) parts.push(lockText(lock));
                  if (local?.save === 'saving') parts.push(t('attendance.saving'));
                  if (local?.save === 'failed') parts.push(t('attendance.notSaved'));
                  return (
                    <td
                      key={s.id}
                      role="gridcell"
                      aria-label={parts.join(', ')}
                      aria-readonly={lock ? true : undefined}
                      className={`attendance-cell attendance-cell--${stateKey(state)}${lock ? ' attendance-cell--locked' : ''}${local ? ` is-${local.save}` : ''}`}
                      title={lock ? lockText(lock) : undefined}
                      {...cellProps(r + 1, c + 1)}
                      onClick={() => setCell(p, s, nextState(state), r + 1, c + 1, false)}
                    >
                      <span aria-hidden="true">{state === null ? '' : t(`attendance.symbol.${state}`)}</span>
                      {local && (
                        <span className="attendance-cell__save" aria-hidden="true">
                          {local.save === 'failed' ? '!' : local.save === 'saved' ? '✓' : '…'}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {(['participantCount', 'familyCount'] as const).map((field, f) => {
              const row = participants.length + 1 + f;
              return (
                <tr key={field}>
                  <th scope="row" {...cellProps(row, 0)}>
                    {t(field === 'participantCount' ? 'attendance.presentIndividuals' : 'attendance.presentFamilies')}
                  </th>
                  {sessions.map((s, c) => (
                    <td key={s.id} role="gridcell" className="num" {...cellProps(row, c + 1)}>
                      {s.status === 'held' && s[field] !== null ? s[field] : '–'}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tfoot>
        </table>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
