import { looksLikeCredential, redact, REDACTED } from './redact.js';

/**
 * Query values are user data (search text, names): logs keep the first 32 characters of each, and
 * nothing of a value that looks like a credential (a token pasted into a search box).
 */
export function loggablePath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  const short = [...params].map(([k, raw]) => {
    const v = looksLikeCredential(raw) ? redact(raw).replace(/[0-9a-f]{32,}/gi, REDACTED) : raw;
    return `${k}=${v.length > 32 ? `${v.slice(0, 32)}…(${v.length} chars)` : v}`;
  });
  return `${path.slice(0, q)}?${short.join('&')}`;
}

const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/api/marketplace-offering-users/<uuid>/set_ok/?x=1` -> `/api/marketplace-offering-users/{uuid}/set_ok/`
 * (a UUID segment is one followed by `/`). Segment by segment: it runs for every REST call.
 */
export function routeTemplate(path: string): string {
  const q = path.indexOf('?');
  const parts = (q < 0 ? path : path.slice(0, q)).split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    if ((p.length === 32 && HEX32.test(p)) || (p.length === 36 && DASHED.test(p))) parts[i] = '{uuid}';
  }
  return parts.join('/');
}
