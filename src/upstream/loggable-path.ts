import { looksLikeCredential, redact, REDACTED } from './redact.js';

const UUID_SEGMENT = /\/[0-9a-f]{32}(?=\/)|\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/)/gi;

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

/** `/api/marketplace-offering-users/<uuid>/set_ok/?x=1` -> `/api/marketplace-offering-users/{uuid}/set_ok/` */
export function routeTemplate(path: string): string {
  return path.split('?')[0]!.replace(UUID_SEGMENT, '/{uuid}');
}
