import type { OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { getOfferingUser } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { OfferingUserRef } from '../types/offering-user.js';

export interface OfferingUserPayload {
  offeringUser: OfferingUserDto;
}

/** Each mutation gets its own success type so clients can tell results apart in fragments. */
export function offeringUserPayload(name: string) {
  return builder.objectRef<OfferingUserPayload>(name).implement({
    fields: (t) => ({ offeringUser: t.field({ type: OfferingUserRef, resolve: (p) => p.offeringUser }) }),
  });
}

/** Re-reads after a bodiless REST answer, bypassing anything this operation cached before the write. */
export async function reread(ctx: GatewayContext, uuid: string): Promise<OfferingUserPayload> {
  ctx.loaders.offeringUser.clear(uuid);
  const offeringUser = await getOfferingUser(ctx.upstream, uuid);
  ctx.loaders.offeringUser.prime(uuid, offeringUser);
  return { offeringUser };
}
