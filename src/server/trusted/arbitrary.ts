import { timingSafeEqual } from 'node:crypto';
import { ExpiringMap } from '../../upstream/expiring-set.js';
import type { UpstreamClient } from '../../upstream/client.js';
import { getCurrentUser } from '../../upstream/resources/users.js';

/** Header with which a caller that knows the deployment's secret may send documents as text. */
export const SECRET_HEADER = 'x-trusted-documents-secret';

export interface ArbitraryPolicy {
  /** Callers Waldur reports as staff or support (`/api/users/me/`, remembered per credential for a minute). */
  staff: boolean;
  /** A shared secret (`x-trusted-documents-secret`), for tools and CI that have no Waldur staff token. */
  secret?: string;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Who may still send a document as text under `enforce`: GraphiQL for staff and support, a script
 * holding the secret. Waldur decides who is staff, asked once a minute per credential at most.
 */
export function arbitraryPolicy(policy: ArbitraryPolicy, client: UpstreamClient): (request: Request) => Promise<boolean> {
  const staffByCaller = new ExpiringMap<boolean>(60_000, 10_000);
  return async (request) => {
    const secret = request.headers.get(SECRET_HEADER);
    if (policy.secret && secret !== null && same(secret, policy.secret)) return true;
    if (!policy.staff) return false;
    const authorization = request.headers.get('authorization') ?? undefined;
    const key = client.callerKey(authorization);
    const known = staffByCaller.get(key);
    if (known !== undefined) return known;
    if (!authorization) return false;
    // Only Waldur's answer is remembered; a failed check (Waldur down, a refused token) is not.
    return getCurrentUser(client.session({ authorization, signal: request.signal })).then(
      (me) => {
        const allowed = me.is_staff === true || me.is_support === true;
        staffByCaller.set(key, allowed);
        return allowed;
      },
      () => false,
    );
  };
}
