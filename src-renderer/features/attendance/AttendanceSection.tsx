import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '@contract';
import { useApiMutation } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { showToast } from '../../stores/toasts';
import { AttendanceGrid } from './AttendanceGrid';

export function AttendanceSection({ overview, groupCancelled }: { overview: GroupOverview; groupCancelled: boolean }) {
  const { t } = useTranslation();
  const toggle = useApiMutation('groups.setTracksAttendance');
  // The box follows the click at once and returns to the stored value if saving fails.
  const [tracks, setTracks] = useState(overview.tracksAttendance);
  useEffect(() => setTracks(overview.tracksAttendance), [overview.tracksAttendance]);
  const change = async (tracksAttendance: boolean) => {
    setTracks(tracksAttendance);
    try {
      await toggle.mutateAsync({ id: overview.groupId, tracksAttendance });
      showToast(t(tracksAttendance ? 'attendance.trackingOn' : 'attendance.trackingOff'));
    } catch {
      setTracks(overview.tracksAttendance);
      // The reason is shown below the switch.
    }
  };
  return (
    <Panel id="attendance-title" title={t('attendance.title')}>
      <Checkbox label={t('attendance.tracks')} checked={tracks} disabled={toggle.isPending} onChange={(e) => void change(e.target.checked)} />
      <ErrorAlert error={toggle.error} />
      {!overview.tracksAttendance ? (
        <p className="panel__hint">{t('attendance.countsOnly')}</p>
      ) : overview.participants.length === 0 ? (
        <EmptyState title={t('attendance.empty')}>{t('attendance.emptyText')}</EmptyState>
      ) : (
        <AttendanceGrid overview={overview} groupCancelled={groupCancelled} />
      )}
    </Panel>
  );
}
