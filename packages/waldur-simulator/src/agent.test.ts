import { describe, expect, it } from 'vitest';
import { stepAgent } from './agent.js';
import { seedStore } from './seed.js';

describe('the demo site agent', () => {
  it('moves accounts one step along (REQUESTED -> CREATING -> OK, PENDING_* -> OK) and marks them modified', () => {
    const store = seedStore({ size: 30 });
    const before = new Map([...store.offeringUsers.values()].map((o) => [o.uuid, { state: o.state, modified: o.modified }]));
    let n = 0;
    const moved = stepAgent(store, 3, () => [0.9, 0.1, 0.9, 0.5, 0.9, 0.7][n++ % 6]!);
    expect(moved).toHaveLength(3);
    for (const uuid of moved) {
      const was = before.get(uuid)!;
      const now = store.offeringUsers.get(uuid)!;
      expect({ 1: [2], 2: [5], 3: [5], 4: [5], 9: [2] }[was.state]).toContain(now.state);
      expect(now.modified > was.modified).toBe(true);
    }
    // Everything else is untouched.
    for (const o of store.offeringUsers.values()) if (!moved.includes(o.uuid)) expect(o.state).toBe(before.get(o.uuid)!.state);
  });

  it('now and then sends an OK account back for validation, so there is always work to show', () => {
    const store = seedStore({ size: 30 });
    const moved = stepAgent(store, 1, () => 0.1);
    expect(store.offeringUsers.get(moved[0]!)!.state).toBe(4);
  });
});
