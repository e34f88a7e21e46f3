import '../attendance/attendance.css';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AttendanceSection } from '../attendance/AttendanceSection';
import { GroupSummary } from '../charts/GroupSummary';
import { ParticipationCharts } from '../charts/ParticipationCharts';
import { FidelitySection } from '../fidelity/FidelitySection';
import { ParticipantsSection } from './ParticipantsSection';

interface Props {
  groupId: string;
  groupStatus: 'planned' | 'running' | 'completed' | 'cancelled';
  startDate: string;
}

/** Everything the group page shows about participation, from one read of the group's overview. */
export function ParticipationSections({ groupId, groupStatus, startDate }: Props) {
  const overview = useApiQuery('groups.overview', { id: groupId });
  const o = overview.data;
  if (!o) return overview.isPending ? <Loading /> : <ErrorAlert error={overview.error} />;
  const cancelled = groupStatus === 'cancelled';
  return (
    <>
      <GroupSummary overview={o} />
      <ParticipantsSection overview={o} groupStartDate={startDate} />
      <AttendanceSection overview={o} groupCancelled={cancelled} />
      <FidelitySection overview={o} groupCancelled={cancelled} />
      <ParticipationCharts overview={o} />
    </>
  );
}
