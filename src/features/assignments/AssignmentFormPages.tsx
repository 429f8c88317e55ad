/**
 * The officer's screens to create and edit an assignment (issue 10 §3). Anyone else who opens
 * the address is told plainly; the server refuses their assignment writes too.
 */
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import type { Session } from '../../session/session';
import { writeRefusal } from '../../shared/rules/access';
import type { Assignment } from '../../shared/schemas';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { assignmentPath } from '../../shared/paths';
import { AssignmentForm } from './AssignmentForm';
import { EMPTY_ASSIGNMENT_VALUES, valuesFromAssignment } from './assignment-form';
import { useAssignment } from '../../session/useAssignment';
import { usePeopleChoices } from './usePeopleChoices';
import { useI18n } from './screens-catalog';
import { lockText } from '../../ui/reasons';

function OfficersOnly({ title, session }: { title: string; session: Session | null }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="notice" role="alert">
        {session ? lockText(writeRefusal(session.user, 'assignments', undefined)) : null}
      </p>
    </>
  );
}

function useSavedNavigation() {
  const navigate = useNavigate();
  return useCallback((id: string) => void navigate(assignmentPath(id)), [navigate]);
}

export function NewAssignmentPage() {
  const { session } = useFieldbook();
  const i18n = useI18n();
  const title = i18n._('assignments.new.title');
  useDocumentTitle(title);
  if (session?.user.role !== 'officer') return <OfficersOnly title={title} session={session} />;
  return <NewAssignment session={session} title={title} />;
}

function NewAssignment({ session, title }: { session: Session; title: string }) {
  const { device } = useFieldbook();
  const people = usePeopleChoices(session.user.id, session.token);
  const onSaved = useSavedNavigation();
  if (!device) return <Loading />;
  return (
    <>
      <h1>{title}</h1>
      <AssignmentForm
        device={device}
        base={null}
        initial={EMPTY_ASSIGNMENT_VALUES}
        people={people}
        onSaved={onSaved}
      />
    </>
  );
}

export function EditAssignmentPage() {
  const { session } = useFieldbook();
  const i18n = useI18n();
  const title = i18n._('assignments.edit.title');
  useDocumentTitle(title);
  if (session?.user.role !== 'officer') return <OfficersOnly title={title} session={session} />;
  return <EditAssignment session={session} title={title} />;
}

function EditAssignment({ session, title }: { session: Session; title: string }) {
  const { id } = useParams();
  const { device } = useFieldbook();
  const { assignment } = useAssignment(id);
  const people = usePeopleChoices(session.user.id, session.token);
  const onSaved = useSavedNavigation();
  const i18n = useI18n();
  // The form starts from the assignment as it was when the screen opened; a sync meanwhile
  // changes only the fields the officer leaves alone (useAssignmentForm).
  const [base, setBase] = useState<Assignment | null>(null);
  if (assignment && base === null) setBase(assignment);
  const initial = useMemo(() => (base ? valuesFromAssignment(base) : null), [base]);

  if (!device || assignment === undefined) return <Loading />;
  if (assignment === null && base === null) {
    return <NotFound message={i18n._('assignments.notFound')} />;
  }
  if (!base || !initial) return <Loading />;
  return (
    <>
      <h1>{title}</h1>
      <p className="muted" dir="auto">
        {base.institution.name}
      </p>
      <AssignmentForm device={device} base={base} initial={initial} people={people} onSaved={onSaved} />
    </>
  );
}
