import { describe, expect, it } from 'vitest';
import { allowedTransitions, describeWrongState, parseWrongState } from './offering-user-states.js';

describe('parseWrongState', () => {
  it('reads the integer form of behaviour 2.5 and names states, not integers', () => {
    const w = parseWrongState('Cannot transition to CREATING from current state: 5. Valid states for operation: Requested, Error creating.');
    expect(w).toEqual({ target: 'CREATING', current: 'OK', allowed: ['Requested', 'Error creating'] });
    expect(describeWrongState(w!)).toBe('Cannot move the offering user to CREATING: it is OK; allowed only from REQUESTED, ERROR_CREATING.');
  });

  it('reads a label form too, and an unknown integer without inventing a state', () => {
    expect(parseWrongState('Cannot transition to OK from current state: Deleted. Valid states for operation: Requested.')?.current).toBe('Deleted');
    const w = parseWrongState('Cannot transition to OK from current state: 42. Valid states for operation: Requested.')!;
    expect(describeWrongState(w)).toBe('Cannot move the offering user to OK: its current state does not allow it; allowed only from REQUESTED.');
    expect(parseWrongState('Something else.')).toBeUndefined();
  });
});

describe('allowedTransitions', () => {
  it("follows the API's allowed-source table (behaviour 2.4), narrower than the model's", () => {
    expect(allowedTransitions('OK')).toEqual(['request_deletion']);
    expect(allowedTransitions('Deleting')).toEqual(['set_error_deleting', 'set_deleted']);
    expect(allowedTransitions('Deleted')).toEqual([]);
    expect(allowedTransitions('Pending account linking')).toEqual([
      'set_pending_additional_validation',
      'set_validation_complete',
      'set_ok',
      'set_error_creating',
    ]);
  });
});
