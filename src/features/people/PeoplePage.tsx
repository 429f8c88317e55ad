/**
 * The programme officer's People screen (docs/sync-protocol.md PE-1, PE-4…PE-6): who can sign in,
 * adding a person with an invitation link and QR code, new invitations (one, or a printed sheet of
 * them), deactivation. Accounts are the server's, not replicated data, so this screen works online
 * only and says so when offline.
 * Loaded on demand: no one else's first visit carries it or its QR encoder.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useFieldbook } from '../../session/FieldbookProvider';
import type { InvitedPersonResponse, Person } from '../../shared/people';
import { institutions$ } from '../../db/institutions';
import { Loading } from '../../ui/Loading';
import { useObservable } from '../../ui/useObservable';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AddPersonForm } from './AddPersonForm';
import { AuditLog } from './AuditLog';
import { PeopleFilterBar } from './PeopleFilterBar';
import { filterPeople, NO_PEOPLE_FILTERS } from './people-filters';
import { ImportPeople } from './ImportPeople';
import type { Sheet } from './invitation-sheet';
import { InvitationPanel } from './InvitationPanel';
import { InvitationSheet } from './InvitationSheet';
import { listPeople } from './people-api';
import { failureMessage, needsConnection } from './failure-message';
import { institutionLabel } from './people-labels';
import { PersonCard } from './PersonCard';
import { SheetChooser } from './SheetChooser';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './catalog';

type List =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; people: Person[]; nextOffset: number | null; more?: 'loading' | string };

export function PeoplePage() {
  const { session } = useFieldbook();
  const i18n = useI18n();
  useDocumentTitle(i18n._('people.page.title'));
  if (session?.user.role !== 'officer') {
    // Said to anyone else who opens the address; the server refuses them too (PE-1, 403).
    return (
      <>
        <h1>{i18n._('people.page.title')}</h1>
        <p className="notice" role="alert">
          {i18n._('people.page.officersOnly')}
        </p>
      </>
    );
  }
  return <OfficerPeople token={session.token} />;
}

function OfficerPeople({ token }: { token: string }) {
  const { device } = useFieldbook();
  const i18n = useI18n();
  const institutionsSource = useMemo(() => (device ? institutions$(device) : null), [device]);
  const institutions = useObservable(institutionsSource);
  const [list, setList] = useState<List>({ state: 'loading' });
  const [adding, setAdding] = useState(false);
  const [invited, setInvited] = useState<InvitedPersonResponse | null>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [filters, setFilters] = useState(NO_PEOPLE_FILTERS);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const sheetButtonRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    if (navigator.onLine === false) return setList({ state: 'failed', message: needsConnection() });
    setList({ state: 'loading' });
    try {
      const page = await listPeople(token);
      setList({ state: 'ready', people: page.people, nextOffset: page.nextOffset });
    } catch (error) {
      setList({ state: 'failed', message: failureMessage(error) });
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  // Back online after a failed load: try again without being asked.
  const failed = list.state === 'failed';
  useEffect(() => {
    if (!failed) return;
    const retry = () => void load();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [failed, load]);

  async function showMore() {
    if (list.state !== 'ready' || list.nextOffset === null) return;
    setList({ ...list, more: 'loading' });
    try {
      const page = await listPeople(token, list.nextOffset);
      setList({ state: 'ready', people: [...list.people, ...page.people], nextOffset: page.nextOffset });
    } catch (error) {
      setList({ ...list, more: failureMessage(error) });
    }
  }

  const replace = (person: Person) =>
    setList((current) =>
      current.state === 'ready'
        ? { ...current, people: current.people.map((p) => (p.id === person.id ? person : p)) }
        : current,
    );

  function added(result: InvitedPersonResponse) {
    setAdding(false);
    setInvited(result);
    appendNew([result.person]);
  }

  // Oldest first: new people are last, so shown now only when the last page is loaded.
  function appendNew(people: Person[]) {
    setList((current) =>
      current.state === 'ready' && current.nextOffset === null
        ? { ...current, people: [...current.people, ...people] }
        : current,
    );
  }

  function reinvited(result: InvitedPersonResponse) {
    replace(result.person);
    setInvited(result);
  }

  function chooseForSheet(personId: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });
  }

  function sheetReady(made: Sheet) {
    made.invitations.forEach(({ person }) => replace(person));
    setChosen(new Set());
    // A link shown in the panel may have just been replaced by one on the sheet.
    setInvited(null);
    setSheet(made);
  }

  function leaveSheet() {
    // The button is in the list, shown again only once the sheet is gone.
    flushSync(() => setSheet(null));
    sheetButtonRef.current?.focus();
  }

  return (
    <>
      {sheet && <InvitationSheet sheet={sheet} onBack={leaveSheet} />}
      {/* Hidden, not left: the list, its pages and a half-typed new person are there on Back. */}
      <div hidden={sheet !== null}>
        <h1>{i18n._('people.page.title')}</h1>
        {invited && (
          <InvitationPanel
            person={invited.person}
            invitation={invited.invitation}
            email={invited.email}
            onClose={() => {
              setInvited(null);
              addButtonRef.current?.focus();
            }}
          />
        )}
        {adding ? (
          <AddPersonForm
            token={token}
            institutions={institutions}
            onAdded={added}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button
            type="button"
            ref={addButtonRef}
            className="primary"
            onClick={() => {
              setInvited(null);
              setAdding(true);
            }}
          >
            {i18n._('people.page.add')}
          </button>
        )}
        <ImportPeople
          token={token}
          onImported={(made) => appendNew(made.invitations.map(({ person }) => person))}
          onPrint={setSheet}
        />
        <AuditLog
          token={token}
          people={list.state === 'ready' ? list.people : []}
          institutions={institutions}
        />
        <h2>{i18n._('people.page.everyone')}</h2>
        {list.state === 'loading' ? (
          <Loading label={i18n._('people.page.loading')} />
        ) : list.state === 'failed' ? (
          <div className="notice" role="alert">
            <p>{list.message}</p>
            <button type="button" onClick={() => void load()}>
              {i18n._('people.page.retry')}
            </button>
          </div>
        ) : (
          <>
            <SheetChooser
              people={list.people}
              chosen={chosen}
              token={token}
              buttonRef={sheetButtonRef}
              onChoose={setChosen}
              onReady={sheetReady}
            />
            <PeopleFilterBar
              filters={filters}
              onChange={setFilters}
              shown={filterPeople(list.people, filters).length}
              loaded={list.people.length}
              more={list.nextOffset !== null}
            />
            <ul className="card-list">
              {filterPeople(list.people, filters).map((person) => (
                <PersonCard
                  key={person.id}
                  person={person}
                  token={token}
                  onChanged={replace}
                  onInvited={reinvited}
                  onSheet={chosen.has(person.id)}
                  onChooseForSheet={(on) => chooseForSheet(person.id, on)}
                  institutionName={
                    person.institutionId ? institutionLabel(person.institutionId, institutions) : undefined
                  }
                />
              ))}
            </ul>
            <FormError message={list.more !== undefined && list.more !== 'loading' ? list.more : null} />
            {list.nextOffset !== null && (
              <button
                type="button"
                className="wide"
                disabled={list.more === 'loading'}
                onClick={() => void showMore()}
              >
                {list.more === 'loading' ? i18n._('people.page.loadingMore') : i18n._('people.page.showMore')}
              </button>
            )}
          </>
        )}
      </div>
    </>
  );
}
