import type { Simulator } from './server.js';
import { DEMO_TOKENS } from './seed.js';

export interface Demo {
  /** Authorization header GraphiQL starts with: the owner of the Nordic HPC Centre provider. */
  authorization: string;
  /** Objects the GraphiQL example tabs use. */
  examples: { offeringUser?: string; serviceProvider?: string };
  tokens: typeof DEMO_TOKENS;
}

/** States from which both pending transitions are allowed, so the round-trip example always succeeds. */
const ROUND_TRIP_STATES = new Set([2, 3, 4]);

/**
 * The demo wiring of simulator mode: who GraphiQL acts as and which seeded objects the example tabs
 * open with. Chosen from the store (not hard-coded), so it holds for any seed size.
 */
export function demoFor(sim: Simulator): Demo {
  const { store } = sim;
  const nhpc = [...store.customers.values()].find((c) => c.abbreviation === 'NHPC');
  const provider = [...store.serviceProviders.values()].find((sp) => sp.customer_uuid === nhpc?.uuid);
  const ofNhpc = [...store.offeringUsers.values()].filter((ou) => store.offerings.get(ou.offering_uuid)?.customer_uuid === nhpc?.uuid);
  let account = ofNhpc.find((ou) => ROUND_TRIP_STATES.has(ou.state));
  if (!account) {
    // A tiny seed may have none: put a requested account into Creating, as `begin_creating` would.
    account = ofNhpc.find((ou) => ou.state === 1);
    if (account) account.state = 2;
  }
  return {
    authorization: `Token ${DEMO_TOKENS.owner}`,
    examples: { offeringUser: account?.uuid, serviceProvider: provider?.uuid },
    tokens: DEMO_TOKENS,
  };
}
