import { OFFERING_USER_STATES, OFFERING_USER_TRANSITIONS, type OfferingUserAction, type OfferingUserStateLabel } from './offering-users.js';

/** Waldur's constant names of the states (the `<TARGET>` of its wrong-state message uses them too). */
export const STATE_NAMES: Record<OfferingUserStateLabel, string> = {
  Requested: 'REQUESTED',
  Creating: 'CREATING',
  'Pending account linking': 'PENDING_ACCOUNT_LINKING',
  'Pending additional validation': 'PENDING_ADDITIONAL_VALIDATION',
  OK: 'OK',
  'Requested deletion': 'DELETION_REQUESTED',
  Deleting: 'DELETING',
  Deleted: 'DELETED',
  'Error creating': 'ERROR_CREATING',
  'Error deleting': 'ERROR_DELETING',
};

const LABELS = new Set<string>(OFFERING_USER_STATES);
export const isStateLabel = (s: string): s is OfferingUserStateLabel => LABELS.has(s);

/** Waldur stores the state as an integer (1 = Requested ... 10 = Error deleting), in label order. */
export const stateLabelOf = (n: number): OfferingUserStateLabel | null => OFFERING_USER_STATES[n - 1] ?? null;

export interface WrongState {
  /** Waldur's name of the target, e.g. CREATING or VALIDATION_COMPLETE. */
  target: string;
  current: OfferingUserStateLabel | null;
  allowed: OfferingUserStateLabel[];
}

const WRONG_STATE = /^Cannot transition to (\w+) from current state: ([^.]+)\. Valid states for operation: (.*)\.$/;

/** Reads Waldur's wrong-state message (behaviour 2.5); the current state may be an int or a label. */
export function parseWrongState(detail: string): WrongState | undefined {
  const m = WRONG_STATE.exec(detail.trim());
  if (!m) return undefined;
  const raw = m[2]!.trim();
  const current = /^\d+$/.test(raw) ? stateLabelOf(Number(raw)) : isStateLabel(raw) ? raw : null;
  const allowed = m[3]!
    .split(',')
    .map((s) => s.trim())
    .filter(isStateLabel);
  return { target: m[1]!, current, allowed };
}

/** The same fact in the gateway's words: states by name, never Waldur's integers. */
export function describeWrongState(w: WrongState): string {
  const from = w.current ? `it is ${STATE_NAMES[w.current]}` : 'its current state does not allow it';
  const allowed = w.allowed.length ? `; allowed only from ${w.allowed.map((s) => STATE_NAMES[s]).join(', ')}` : '';
  return `Cannot move the offering user to ${w.target}: ${from}${allowed}.`;
}

/** The actions Waldur accepts from `state` (permissions aside), in the table's order. */
export function allowedTransitions(state: OfferingUserStateLabel): OfferingUserAction[] {
  return OFFERING_USER_TRANSITIONS.filter((t) => t.sources.some((s) => s === state)).map((t) => t.action);
}
