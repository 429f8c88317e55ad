/**
 * PE-6, AS-6 and IN-3 for officers: who changed which person, assignment or institution, when, and field by field
 * what it was and became. Read from the server on request, newest first, a page at a time.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { AuditAction, AuditEntry, Person } from '../../shared/people';
import type { Institution } from '../../shared/schemas';
import { formatDateTime } from '../../ui/format';
import { assignmentPath, institutionPath } from '../../shared/paths';
import { listAudit } from './people-api';
import { failureMessage } from './failure-message';
import { institutionLabel } from './people-labels';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './catalog';
import { slots, withParts } from '../../ui/sentence-parts';

/** Each entry as one sentence: `{actor}` did it to `{subject}`. */
const ACTIONS: Record<AuditAction, string> = {
  'person.created': /*i18n*/ 'people.audit.person.created',
  'person.invited': /*i18n*/ 'people.audit.person.invited',
  'person.invitation_accepted': /*i18n*/ 'people.audit.person.invitationAccepted',
  'person.deactivated': /*i18n*/ 'people.audit.person.deactivated',
  'person.reactivated': /*i18n*/ 'people.audit.person.reactivated',
  'assignment.created': /*i18n*/ 'people.audit.assignment.created',
  'assignment.changed': /*i18n*/ 'people.audit.assignment.changed',
  'assignment.deleted': /*i18n*/ 'people.audit.assignment.deleted',
  'institution.created': /*i18n*/ 'people.audit.institution.created',
  'institution.changed': /*i18n*/ 'people.audit.institution.changed',
  'institution.deleted': /*i18n*/ 'people.audit.institution.deleted',
};

/** A value as one short line: lists joined, objects as their text. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(shown).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Page = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; message: string };

export function AuditLog({
  token,
  people,
  institutions,
}: {
  token: string;
  people: readonly Person[];
  /** The device's host institutions, to name them rather than show their ids. */
  institutions?: readonly Institution[] | undefined;
}) {
  const i18n = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [page, setPage] = useState<Page>({ state: 'idle' });
  const names = new Map(people.map((person) => [person.id, person.name]));
  const nameOf = (id: string) =>
    names.get(id) ?? (id === 'command-line' ? i18n._('people.audit.commandLine') : id);
  const institutionOf = (id: string) => institutionLabel(id, institutions) ?? id;
  // A person's institution is written as its id: named like the institutions' own entries.
  const valueOf = (field: string, value: unknown) =>
    field === 'institutionId' && typeof value === 'string' ? institutionOf(value) : shown(value);

  async function load(before?: number) {
    setPage({ state: 'loading' });
    try {
      const answer = await listAudit(token, before);
      setEntries((current) => [...(before === undefined ? [] : (current ?? [])), ...answer.entries]);
      setNextBefore(answer.nextBefore);
      setPage({ state: 'idle' });
    } catch (error) {
      setPage({ state: 'failed', message: failureMessage(error) });
    }
  }

  return (
    <details
      className="audit-log"
      onToggle={(event) => {
        if (event.currentTarget.open && entries === null) void load();
      }}
    >
      <summary>{i18n._('people.audit.summary')}</summary>
      {entries?.length === 0 && <p>{i18n._('people.audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="card-list">
          {entries.map((entry) => (
            <li key={entry.id} className="card">
              <p>
                {withParts(i18n._(ACTIONS[entry.action], slots('actor', 'subject')), {
                  actor: <strong dir="auto">{nameOf(entry.actorId)}</strong>,
                  subject:
                    entry.subjectType === 'assignment' ? (
                      <Link to={assignmentPath(entry.subjectId)}>{entry.subjectId}</Link>
                    ) : entry.subjectType === 'institution' ? (
                      <Link to={institutionPath(entry.subjectId)} dir="auto">
                        {institutionOf(entry.subjectId)}
                      </Link>
                    ) : (
                      nameOf(entry.subjectId)
                    ),
                })}
              </p>
              <p className="muted">{formatDateTime(entry.at)}</p>
              {Object.keys(entry.changes).length > 0 && (
                <dl className="details">
                  {Object.entries(entry.changes).map(([field, { from, to }]) => (
                    <div key={field}>
                      <dt>{field}</dt>
                      <dd>
                        {i18n._('people.audit.change', {
                          from: valueOf(field, from),
                          to: valueOf(field, to),
                        })}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
      {page.state === 'loading' && <p role="status">{i18n._('people.audit.loading')}</p>}
      <FormError message={page.state === 'failed' ? page.message : null} />
      {nextBefore !== null && page.state !== 'loading' && (
        <button type="button" onClick={() => void load(nextBefore)}>
          {i18n._('people.audit.older')}
        </button>
      )}
    </details>
  );
}
