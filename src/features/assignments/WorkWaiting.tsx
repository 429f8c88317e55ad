/**
 * What waits for this user, on the home: an expert's cards or a supervisor's inbox. Loaded on
 * demand once the device database is open, so the home's first download stays as light as before
 * (the snapshot list shows first; these cards follow).
 */
import type { DeviceDatabase } from '../../db/database';
import type { Assignment } from '../../shared/schemas';
import type { PublicUser } from '../../shared/users';
import { ExpertWaitingCards } from './ExpertWaitingCards';
import { SupervisorInbox } from './SupervisorInbox';
import { useI18n } from './catalog';

export interface WorkWaitingProps {
  device: DeviceDatabase;
  user: PublicUser;
  assignments: readonly Assignment[];
}

export default function WorkWaiting({ device, user, assignments }: WorkWaitingProps) {
  const i18n = useI18n();
  if (user.role === 'expert') {
    return <ExpertWaitingCards device={device} userId={user.id} assignments={assignments} />;
  }
  if (user.role !== 'supervisor') return null;
  return (
    <section aria-labelledby="inbox-heading" className="inbox-section">
      <h2 id="inbox-heading">{i18n._('assignments.inbox.heading')}</h2>
      <SupervisorInbox device={device} assignments={assignments} titleLevel={3} />
    </section>
  );
}
