/**
 * In-process bus from committed write transactions to the live streams (SP-8). Each event keeps
 * the access fields of every document's assignment so a stream can filter without a query.
 */
import type { Assignment, CollectionName } from '../../../src/shared/schemas';
import type { StoredDocument } from '../storage/types';

export type AssignmentAccess = Pick<Assignment, 'expertId' | 'supervisorIds'>;

export interface ChangeEvent {
  collection: CollectionName;
  changes: { doc: StoredDocument; access: AssignmentAccess }[];
}

type Listener = (event: ChangeEvent) => void;

export class ChangeBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: ChangeEvent): void {
    if (event.changes.length === 0) return;
    for (const listener of this.listeners) listener(event);
  }

  get size(): number {
    return this.listeners.size;
  }
}
