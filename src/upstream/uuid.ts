const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Waldur's own form, 32 lower-case hex digits, from either form; undefined for anything else. */
export function waldurUuid(value: string): string | undefined {
  if (HEX32.test(value)) return value.toLowerCase();
  return DASHED.test(value) ? value.replace(/-/g, '').toLowerCase() : undefined;
}

/**
 * The UUID form Waldur's OpenAPI schema declares (`format: uuid`, dashed). Waldur itself emits and
 * accepts 32-hex too, but schema-driven proxies, mocks and clients accept only the declared form,
 * so every UUID the gateway sends goes through here. Anything else passes unchanged (the UUID scalar
 * has already refused malformed input).
 */
export function wireUuid(u: string): string {
  if (!HEX32.test(u)) return u.toLowerCase();
  const h = u.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A path segment holding a UUID. */
export const uuidSegment = (u: string) => encodeURIComponent(wireUuid(u));
