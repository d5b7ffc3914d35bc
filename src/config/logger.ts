import { pino, type Logger as Pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The gateway's logging surface: pino underneath, message first so call sites read as sentences. */
export interface Logger {
  level: LogLevel;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  isEnabled(level: LogLevel): boolean;
  /** A logger whose every line carries `bindings` (e.g. the request id). */
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Credentials never reach a log line, however deeply a caller nests them: pino's redaction removes
 * these keys at the top level and up to two levels down (headers, request objects, errors).
 */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'token',
  'api_secret_code',
  'apiSecretCode',
  'password',
  'secret',
  'x-auth-token',
];
const key = (prefix: string, k: string) => (/^\w+$/.test(k) ? `${prefix}${k}` : `${prefix.replace(/\.$/, '')}["${k}"]`);
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => ['', '*.', '*.*.'].map((prefix) => key(prefix, k)));

function wrap(p: Pino, level: LogLevel): Logger {
  return {
    level,
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    isEnabled: (lvl) => lvl !== 'silent' && p.isLevelEnabled(lvl),
    child: (bindings) => wrap(p.child(bindings), level),
  };
}

/** JSON lines on stderr (stdout stays free); `write` receives each line instead (tests). */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const p = pino(
    {
      level,
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    write ? { write } : pino.destination({ fd: 2, sync: true }),
  );
  return wrap(p, level);
}
