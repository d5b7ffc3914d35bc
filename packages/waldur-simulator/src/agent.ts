import { isoMicro, type Store } from './store.js';

/**
 * A demo site agent: what a real Waldur site agent does minutes after a request, every few
 * seconds here, so a live subscription shows changes with nobody acting. Each tick moves a few
 * accounts one step along the usual path: REQUESTED -> CREATING -> OK, PENDING_* -> OK, and now
 * and then an OK account back to PENDING_ADDITIONAL_VALIDATION (so there is always work left).
 */
const NEXT: Record<number, number> = { 1: 2, 2: 5, 3: 5, 4: 5, 9: 2 };

export function stepAgent(store: Store, perTick = 2, random: () => number = Math.random): string[] {
  const moved: string[] = [];
  const movable = [...store.offeringUsers.values()].filter((ou) => NEXT[ou.state] !== undefined);
  const ok = [...store.offeringUsers.values()].filter((ou) => ou.state === 5);
  for (let i = 0; i < perTick; i++) {
    const reopen = movable.length === 0 || random() < 0.25;
    const pool = reopen ? ok : movable;
    if (!pool.length) break;
    const ou = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
    ou.state = reopen ? 4 : NEXT[ou.state]!;
    ou.modified = isoMicro();
    moved.push(ou.uuid);
  }
  return moved;
}

/** Runs the agent every `intervalMs` (0: never); returns a stop function. */
export function startAgent(store: () => Store, intervalMs: number, perTick = 2): () => void {
  if (!(intervalMs > 0)) return () => {};
  const timer = setInterval(() => stepAgent(store(), perTick), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
