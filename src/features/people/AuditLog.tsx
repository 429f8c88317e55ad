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
import { failureMessage, listAudit } from './people-api';
import { institutionLabel } from './people-labels';
import { FormError } from '../../ui/form/FormError';

const ACTIONS: Record<AuditAction, string> = {
  'person.created': 'added',
  'person.invited': 'sent a new invitation to',
  'person.invitation_accepted': 'accepted the invitation of',
  'person.deactivated': 'deactivated',
  'person.reactivated': 'reactivated',
  'assignment.created': 'created assignment',
  'assignment.changed': 'changed assignment',
  'assignment.deleted': 'deleted assignment',
  'institution.created': 'created host institution',
  'institution.changed': 'changed host institution',
  'institution.deleted': 'deleted host institution',
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
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [page, setPage] = useState<Page>({ state: 'idle' });
  const names = new Map(people.map((person) => [person.id, person.name]));
  const nameOf = (id: string) => names.get(id) ?? (id === 'command-line' ? 'The server’s command line' : id);
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
      <summary>History of changes to people and assignments</summary>
      {entries?.length === 0 && <p>Nothing was changed yet.</p>}
      {entries && entries.length > 0 && (
        <ol className="card-list">
          {entries.map((entry) => (
            <li key={entry.id} className="card">
              <p>
                <strong>{nameOf(entry.actorId)}</strong> {ACTIONS[entry.action]}{' '}
                {entry.subjectType === 'assignment' ? (
                  <Link to={assignmentPath(entry.subjectId)}>{entry.subjectId}</Link>
                ) : entry.subjectType === 'institution' ? (
                  <Link to={institutionPath(entry.subjectId)}>{institutionOf(entry.subjectId)}</Link>
                ) : (
                  nameOf(entry.subjectId)
                )}
              </p>
              <p className="muted">{formatDateTime(entry.at)}</p>
              {Object.keys(entry.changes).length > 0 && (
                <dl className="details">
                  {Object.entries(entry.changes).map(([field, { from, to }]) => (
                    <div key={field}>
                      <dt>{field}</dt>
                      <dd>
                        {valueOf(field, from)} → {valueOf(field, to)}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
      {page.state === 'loading' && <p role="status">Loading the history…</p>}
      <FormError message={page.state === 'failed' ? page.message : null} />
      {nextBefore !== null && page.state !== 'loading' && (
        <button type="button" onClick={() => void load(nextBefore)}>
          Show older changes
        </button>
      )}
    </details>
  );
}
