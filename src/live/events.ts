/** What a cohort's stream carries. `OPEN` marks the stream's start and is never delivered. */
export type LiveKind = 'CREATED' | 'UPDATED' | 'DELETED' | 'RESYNC' | 'ERROR' | 'OPEN';

export interface LiveEvent {
  /** `<ms>-<seq>`, as Redis stream ids are: ordered, and the SSE `id:` a client resumes from. */
  id: string;
  kind: LiveKind;
  uuid?: string;
  /** The row as the cohort's poll read it (CREATED, UPDATED). */
  row?: Record<string, unknown>;
  /** Waldur fields whose value changed (UPDATED). */
  changedFields?: string[];
  /** Why the stream ends (ERROR): the code a client sees, e.g. UNAUTHENTICATED. */
  error?: { code: string; message: string };
}

export type NewEvent = Omit<LiveEvent, 'id'>;

/** Refusals and ends of a subscription, with the code a client sees. */
export class LiveError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

const ID = /^(\d{1,16})-(\d{1,16})$/;

export const isEventId = (id: string) => ID.test(id);

/** Orders two event ids; both must be valid (`isEventId`). */
export function compareIds(a: string, b: string): number {
  const [, am, as] = ID.exec(a)!;
  const [, bm, bs] = ID.exec(b)!;
  return Number(am) - Number(bm) || Number(as) - Number(bs);
}

export const idMs = (id: string) => Number(ID.exec(id)?.[1] ?? 0);

/**
 * Waldur fields that differ between two readings of a row. `modified` moves with every save and
 * says nothing of its own; a save that changed nothing else is no change.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    // A field only one reading has was not read both times (`field=` changed): not a change.
    if (key === 'modified' || !(key in before) || !(key in after)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.push(key);
  }
  return out.sort();
}
