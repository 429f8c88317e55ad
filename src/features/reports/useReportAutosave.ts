/**
 * Autosave of a report's text: no save button. Each change is written to the device database
 * AUTOSAVE_DELAY_MS after the last keystroke, at once on blur, when the page is hidden or torn
 * down (a phone kills a background app without warning), and on leaving the screen. Keystrokes
 * still inside that window are also kept in localStorage, written synchronously, so a kill inside
 * the window loses nothing: on the next opening they are restored when the saved text is still
 * the one they were typed on, and kept as a clash to choose from when it changed since.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { draftKey } from '../../session/session';
import { useUnsavedForm } from '../../session/unsaved-forms';
import { forgetDraft, readDraft, writeDraft } from '../../session/useDraft';
import type { DeviceDatabase } from '../../db/database';
import { saveObjective, saveSection } from '../../db/reports';
import { keepUnsavedVersion } from '../../db/refusals';
import type { Report } from '../../shared/schemas';
import type { TextSection } from '../../shared/schemas/report.schema';
import { i18n } from './catalog';
import { errorText } from '../../ui/reasons';

export const AUTOSAVE_DELAY_MS = 500;

/** A text section, or the evidence of the objective at that index. */
export type FieldKey = TextSection | `evidence.${number}`;

interface BufferEntry {
  value: string;
  /** The saved text the keystrokes were typed on: tells a restore from a clash. */
  base: string;
  at: string;
}
type Buffer = Partial<Record<FieldKey, BufferEntry>>;

/** The draft of a report's keystrokes: `report:<id>`, one per report (useDraft.ts). */
const reportDraftName = (reportId: string) => `report:${reportId}`;

export function reportDraftKey(userId: string, reportId: string): string {
  return draftKey(userId, reportDraftName(reportId));
}

function evidenceIndex(field: FieldKey): number | null {
  return field.startsWith('evidence.') ? Number(field.slice('evidence.'.length)) : null;
}

export function savedValue(report: Report, field: FieldKey): string {
  const index = evidenceIndex(field);
  return index === null
    ? report.sections[field as TextSection]
    : (report.sections.objectives[index]?.evidence ?? '');
}

interface BufferName {
  userId: string;
  name: string;
}

const isBuffer = (stored: unknown): stored is Buffer => typeof stored === 'object';

function readBuffer({ userId, name }: BufferName): Buffer {
  return readDraft(userId, name, isBuffer) ?? {};
}

/** Written synchronously (not after the render): a kill right after the keystroke loses nothing. */
function writeBuffer({ userId, name }: BufferName, buffer: Buffer): void {
  // Storage full or blocked: the database write a moment later still happens.
  if (Object.keys(buffer).length === 0) forgetDraft(userId, name);
  else writeDraft(userId, name, buffer);
}

export interface ReportAutosave {
  valueOf(field: FieldKey): string;
  change(field: FieldKey, value: string): void;
  /** Writes `field` now (blur). */
  flush(field: FieldKey): Promise<void>;
  /** Writes every pending field now: before submitting, hiding, leaving. */
  flushAll(): Promise<void>;
  saving: boolean;
  error: string | null;
}

export function useReportAutosave(
  device: DeviceDatabase,
  report: Report | null | undefined,
  editable: boolean,
): ReportAutosave {
  const id = report?.id;
  const userId = device.userId;
  const bufferKey = useMemo(() => (id ? { userId, name: reportDraftName(id) } : null), [userId, id]);
  const [local, setLocal] = useState<Partial<Record<FieldKey, string>>>({});
  const [pending, setPending] = useState<ReadonlySet<FieldKey>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const localRef = useRef(local);
  const reportRef = useRef(report);
  const timers = useRef(new Map<FieldKey, ReturnType<typeof setTimeout>>());
  /** Fields typed in and not yet entirely in the database, with the text they were typed on. */
  const bases = useRef(new Map<FieldKey, string>());
  /** Values this screen wrote: the database echoing an older one is not someone else's change. */
  const echoes = useRef(new Map<FieldKey, Set<string>>());
  const queues = useRef(new Map<FieldKey, Promise<void>>());
  useUnsavedForm(id ? reportDraftKey(userId, id) : 'report', pending.size > 0);

  useEffect(() => {
    reportRef.current = report;
  }, [report]);

  const setField = useCallback((field: FieldKey, value: string | undefined) => {
    const next = { ...localRef.current };
    if (value === undefined) delete next[field];
    else next[field] = value;
    localRef.current = next;
    setLocal(next);
  }, []);

  const markPending = useCallback((field: FieldKey, on: boolean) => {
    setPending((previous) => {
      if (previous.has(field) === on) return previous;
      const next = new Set(previous);
      if (on) next.add(field);
      else next.delete(field);
      return next;
    });
  }, []);

  const write = useCallback(
    async (field: FieldKey, value: string) => {
      if (!id || !bufferKey) return;
      const seen = echoes.current.get(field) ?? new Set<string>();
      seen.add(value);
      echoes.current.set(field, seen);
      try {
        const index = evidenceIndex(field);
        if (index === null) await saveSection(device, id, field as TextSection, value);
        else await saveObjective(device, id, index, { evidence: value });
        setError(null);
        if (localRef.current[field] === value && !timers.current.has(field)) {
          // Everything typed in this field is in the database: the safety copy can go.
          bases.current.delete(field);
          const buffer = readBuffer(bufferKey);
          delete buffer[field];
          writeBuffer(bufferKey, buffer);
          markPending(field, false);
        }
      } catch (cause) {
        // The text stays on screen and in localStorage; the next change or flush tries again.
        setError(i18n._('reports.autosave.failed', { message: errorText(cause) }));
      }
    },
    [device, id, bufferKey, markPending],
  );

  /** One write at a time per field, in typing order. */
  const enqueue = useCallback(
    (field: FieldKey, value: string) => {
      const next = (queues.current.get(field) ?? Promise.resolve()).then(() => write(field, value));
      queues.current.set(field, next);
      return next;
    },
    [write],
  );

  const flush = useCallback(
    (field: FieldKey): Promise<void> => {
      const timer = timers.current.get(field);
      if (timer === undefined) return queues.current.get(field) ?? Promise.resolve();
      clearTimeout(timer);
      timers.current.delete(field);
      const value = localRef.current[field];
      return value === undefined ? Promise.resolve() : enqueue(field, value);
    },
    [enqueue],
  );

  const flushAll = useCallback(async () => {
    const fields = new Set<FieldKey>([...timers.current.keys(), ...queues.current.keys()]);
    await Promise.all([...fields].map((field) => flush(field)));
  }, [flush]);

  const change = useCallback(
    (field: FieldKey, value: string) => {
      const current = reportRef.current;
      if (!current || !bufferKey) return;
      if (!bases.current.has(field)) bases.current.set(field, savedValue(current, field));
      setField(field, value);
      const buffer = readBuffer(bufferKey);
      buffer[field] = { value, base: bases.current.get(field) ?? '', at: new Date().toISOString() };
      writeBuffer(bufferKey, buffer);
      markPending(field, true);
      const timer = timers.current.get(field);
      if (timer !== undefined) clearTimeout(timer);
      timers.current.set(
        field,
        setTimeout(() => {
          timers.current.delete(field);
          const latest = localRef.current[field];
          if (latest !== undefined) void enqueue(field, latest);
        }, AUTOSAVE_DELAY_MS),
      );
    },
    [bufferKey, setField, markPending, enqueue],
  );

  // The database changed (a write of ours, a sync, a clash settled): show it where nothing
  // typed here is pending, unless it is only an older write of ours echoing back.
  useEffect(() => {
    if (!report) return;
    for (const field of Object.keys(localRef.current) as FieldKey[]) {
      if (timers.current.has(field) || bases.current.has(field)) continue;
      const saved = savedValue(report, field);
      if (saved !== localRef.current[field] && echoes.current.get(field)?.has(saved)) continue;
      echoes.current.delete(field);
      setField(field, undefined);
    }
  }, [report, setField]);

  // Keystrokes a killed app never wrote: restore them once, on the first opening, or keep them
  // aside when the saved text changed since or the report can no longer be edited.
  const restoredFor = useRef<string | null>(null);
  useEffect(() => {
    if (!report || !bufferKey || restoredFor.current === report.id) return;
    restoredFor.current = report.id;
    const buffer = readBuffer(bufferKey);
    const toKeep: [FieldKey, BufferEntry][] = [];
    for (const [field, entry] of Object.entries(buffer) as [FieldKey, BufferEntry][]) {
      if (!entry || typeof entry.value !== 'string') continue;
      const saved = savedValue(report, field);
      if (entry.value === saved) {
        delete buffer[field];
      } else if (editable && entry.base === saved) {
        bases.current.set(field, saved);
        setField(field, entry.value);
        markPending(field, true);
        void enqueue(field, entry.value);
      } else {
        toKeep.push([field, entry]);
      }
    }
    writeBuffer(bufferKey, buffer);
    // Kept aside one after another (not editable any more, or the saved text changed since); a
    // field leaves the buffer only once its version is safely kept.
    void (async () => {
      for (const [field, entry] of toKeep) {
        const index = evidenceIndex(field);
        const sections =
          index === null
            ? { [field]: entry.value }
            : {
                objectives: report.sections.objectives.map((objective, at) =>
                  at === index ? { ...objective, evidence: entry.value } : objective,
                ),
              };
        try {
          await keepUnsavedVersion(
            device,
            report.id,
            index === null ? (field as TextSection) : 'objectives',
            sections,
            editable ? 'changed' : 'locked',
          );
        } catch {
          continue; // Still in the buffer: the next opening tries again.
        }
        const latest = readBuffer(bufferKey);
        if (latest[field]?.value === entry.value) {
          delete latest[field];
          writeBuffer(bufferKey, latest);
        }
      }
    })();
  }, [report, editable, bufferKey, device, setField, markPending, enqueue]);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flushAll();
    };
    const onPageHide = () => void flushAll();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the screen writes what is pending; the localStorage copy covers a failure.
      void flushAll();
    };
  }, [flushAll]);

  const valueOf = useCallback(
    (field: FieldKey) => local[field] ?? (report ? savedValue(report, field) : ''),
    [local, report],
  );

  return { valueOf, change, flush, flushAll, saving: pending.size > 0, error };
}
