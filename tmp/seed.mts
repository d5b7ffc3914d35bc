import { seedStore } from '/work/main/src/simulator/seed.js';
const t0 = performance.now(); const s = seedStore({ size: 30000 }); console.log(performance.now() - t0, s.offeringUsers.size, s.consents?.size);
const byOff = new Map(); for (const ou of s.offeringUsers.values()) byOff.set(ou.offering_uuid, (byOff.get(ou.offering_uuid) ?? 0) + 1); console.log([...byOff.values()]);
