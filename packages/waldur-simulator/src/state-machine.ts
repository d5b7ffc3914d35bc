/** Offering-user states (stored ints) and the API's allowed-source table (behaviour 2.4). */
export const STATE_LABELS: Record<number, string> = {
  1: 'Requested',
  2: 'Creating',
  3: 'Pending account linking',
  4: 'Pending additional validation',
  5: 'OK',
  6: 'Requested deletion',
  7: 'Deleting',
  8: 'Deleted',
  9: 'Error creating',
  10: 'Error deleting',
};

export const LABEL_TO_STATE = new Map(Object.entries(STATE_LABELS).map(([k, v]) => [v, Number(k)]));

export interface Transition {
  sources: number[];
  target: number;
  /** Name used in the wrong-state message. */
  targetName: string;
  acceptsComment: boolean;
  clearsComments: boolean;
}

export const TRANSITIONS: Record<string, Transition> = {
  begin_creating: { sources: [1, 9], target: 2, targetName: 'CREATING', acceptsComment: false, clearsComments: false },
  set_pending_account_linking: { sources: [2, 9, 4], target: 3, targetName: 'PENDING_ACCOUNT_LINKING', acceptsComment: true, clearsComments: false },
  set_pending_additional_validation: {
    sources: [2, 9, 3],
    target: 4,
    targetName: 'PENDING_ADDITIONAL_VALIDATION',
    acceptsComment: true,
    clearsComments: false,
  },
  set_validation_complete: { sources: [3, 4], target: 5, targetName: 'VALIDATION_COMPLETE', acceptsComment: false, clearsComments: true },
  set_ok: { sources: [1, 2, 4, 3, 9, 10], target: 5, targetName: 'OK', acceptsComment: false, clearsComments: false },
  set_error_creating: { sources: [1, 2, 3, 4], target: 9, targetName: 'ERROR_CREATING', acceptsComment: false, clearsComments: false },
  set_error_deleting: { sources: [6, 7], target: 10, targetName: 'ERROR_DELETING', acceptsComment: false, clearsComments: false },
  request_deletion: { sources: [5], target: 6, targetName: 'DELETION_REQUESTED', acceptsComment: false, clearsComments: false },
  set_deleting: { sources: [6, 10], target: 7, targetName: 'DELETING', acceptsComment: false, clearsComments: false },
  set_deleted: { sources: [7], target: 8, targetName: 'DELETED', acceptsComment: false, clearsComments: false },
};

/** States in which setting a new username moves the account straight to OK (behaviour 2.4). */
export const USERNAME_AUTO_OK_STATES = new Set([1, 2, 3, 4, 9]);

export function wrongStateMessage(t: Transition, current: number): string {
  return `Cannot transition to ${t.targetName} from current state: ${current}. Valid states for operation: ${t.sources.map((s) => STATE_LABELS[s]).join(', ')}.`;
}
