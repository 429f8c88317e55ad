/**
 * Above the list: choose every invited person at once, and "Print invitation sheet", which says
 * first that each chosen person's earlier link stops working, then makes the new invitations one by
 * one with the progress shown. Single people are ticked on their cards.
 */
import { useEffect, useId, useRef, useState, type Ref } from 'react';
import type { Person } from '../../shared/people';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { issueInvitations, mayGoOnSheet, type Sheet } from './invitation-sheet';
import { FormError } from '../../ui/form/FormError';
import { i18n, useI18n } from './catalog';

/** Names spelled out in the confirmation; beyond them a count, so the dialog fits a phone. */
const NAMES_IN_CONFIRMATION = 5;

function namesOf(people: readonly Person[]): string {
  const named = people.slice(0, NAMES_IN_CONFIRMATION).map((person) => person.name);
  const names = named.join(i18n._('people.sheet.confirm.separator'));
  const others = people.length - named.length;
  return others > 0 ? i18n._('people.sheet.confirm.others', { names, count: others }) : names;
}

export function SheetChooser({
  people,
  chosen,
  token,
  buttonRef,
  onChoose,
  onReady,
}: {
  /** The people loaded so far; only the invited ones can be chosen. */
  people: readonly Person[];
  chosen: ReadonlySet<string>;
  token: string;
  buttonRef: Ref<HTMLButtonElement>;
  onChoose(chosen: ReadonlySet<string>): void;
  onReady(sheet: Sheet): void;
}) {
  const i18n = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ current: number; total: number } | null>(null);
  const [nothingChosen, setNothingChosen] = useState(false);
  const allRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(false);
  const allId = useId();
  const countId = useId();

  const invited = people.filter(mayGoOnSheet);
  const picked = invited.filter((person) => chosen.has(person.id));
  const some = picked.length > 0 && picked.length < invited.length;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // "Some but not all" has no attribute: a checkbox shows it only through this property.
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  if (invited.length === 0) return null;

  function chooseAll(on: boolean) {
    setNothingChosen(false);
    onChoose(new Set(on ? invited.map((person) => person.id) : []));
  }

  async function prepare() {
    setProgress({ current: 0, total: picked.length });
    const sheet = await issueInvitations(
      token,
      picked,
      (current, total) => setProgress({ current, total }),
      () => !mounted.current,
    );
    if (!mounted.current) return;
    setProgress(null);
    setConfirming(false);
    onReady(sheet);
  }

  return (
    <div className="sheet-chooser" role="group" aria-label={i18n._('people.sheet.group')}>
      <p className="hint">{i18n._('people.sheet.hint')}</p>
      <div className="choice">
        <input
          id={allId}
          ref={allRef}
          type="checkbox"
          checked={picked.length === invited.length}
          onChange={(event) => chooseAll(event.target.checked)}
        />
        <label htmlFor={allId}>{i18n._('people.sheet.all', { count: invited.length })}</label>
      </div>
      <div className="button-row">
        <button
          type="button"
          ref={buttonRef}
          aria-describedby={countId}
          onClick={() => {
            setNothingChosen(picked.length === 0);
            setConfirming(picked.length > 0);
          }}
        >
          {i18n._('people.sheet.printChosen')}
        </button>
      </div>
      <p id={countId} className="hint" role="status">
        {i18n._('people.sheet.chosen', { count: picked.length })}
      </p>
      <FormError
        message={nothingChosen && picked.length === 0 ? i18n._('people.sheet.nothingChosen') : null}
      />
      {confirming && (
        <ConfirmDialog
          title={i18n._('people.sheet.confirm.title', { count: picked.length })}
          confirmLabel={i18n._('people.sheet.confirm.label')}
          danger
          busy={progress !== null}
          onConfirm={() => void prepare()}
          // Requests already sent cannot be called back: the dialog stays until they are done.
          onCancel={() => progress === null && setConfirming(false)}
        >
          <p>{i18n._('people.sheet.confirm.body', { names: namesOf(picked) })}</p>
          <p>{i18n._('people.sheet.confirm.once')}</p>
          <p role="status">
            {progress && progress.current > 0 ? i18n._('people.sheet.confirm.progress', progress) : ''}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
