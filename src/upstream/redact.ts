/**
 * What looks like a credential (a Waldur token, a `Token`/`Bearer` value, a JWT, a `secret=` pair,
 * a URL with a password) is cut out wherever text from outside reaches a client, a log line or a
 * metric label: Waldur's messages, filter values, request ids, operation names.
 */
export const CREDENTIAL =
  /\b(?:token|bearer|basic)\s+[\w.~+/=-]{16,}|\b[0-9a-f]{40}\b|\beyJ[\w-]+\.[\w-]+\.[\w-]*|\b(?:api[_-]?secret[_-]?code|secret|password|passwd)\b\s*[:=]\s*\S+|\b[a-z][\w+.-]*:\/\/[^\s/:@]*:[^\s/@]*@/gi;

/** A single value (an id, a name) shaped like a credential: 32+ hex digits or a JWT or a credential run. */
const CREDENTIAL_VALUE = /^[0-9a-f]{40,}$|[0-9a-f]{40}|^eyJ[\w-]+\.|\b(?:token|bearer)\s+\S{16,}/i;

export const REDACTED = '[redacted]';

export function redact(text: string): string {
  return text.replace(CREDENTIAL, REDACTED);
}

export function looksLikeCredential(value: string): boolean {
  CREDENTIAL.lastIndex = 0;
  return CREDENTIAL_VALUE.test(value) || CREDENTIAL.test(value);
}
