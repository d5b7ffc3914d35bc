import { randomUUID } from 'node:crypto';
import { looksLikeCredential } from '../upstream/redact.js';

const ids = new WeakMap<Request, string>();
/** A caller's id is kept when it is short and plain; anything else is replaced by our own. */
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** The request's id: the caller's `X-Request-ID` when acceptable, else a fresh UUID; stable per request. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const given = request.headers.get('x-request-id');
    // A credential pasted as an id would be logged, echoed and forwarded: replaced like any other misfit.
    id = given && ACCEPTABLE.test(given) && !looksLikeCredential(given) ? given : randomUUID();
    ids.set(request, id);
  }
  return id;
}
