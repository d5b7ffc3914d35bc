import { UpstreamError } from './errors.js';

/** What a field must be when Waldur sends it; `required` fields must be there. */
export type FieldRule = { type: 'string' | 'boolean' | 'number' | 'array' | 'object'; nullable?: boolean; required?: boolean; oneOf?: readonly string[] };
export type Shape = Record<string, FieldRule>;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Checks what Waldur sent against the fields the gateway relies on, before any resolver sees it.
 * The error names the operation, the row and the field, never the value (it may be anyone's data).
 * Fields not listed, and extra fields, pass: a newer Waldur may add some.
 */
export function checkShape<T>(value: unknown, shape: Shape, operation: string, row?: number): T {
  const where = row === undefined ? '' : ` row ${row}`;
  const fail = (what: string) => {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur's answer to ${operation} does not have the expected shape:${where} ${what}.`, { method: 'GET', path: operation });
  };
  if (typeOf(value) !== 'object') fail(`is ${typeOf(value)}, not an object`);
  const obj = value as Record<string, unknown>;
  for (const [name, rule] of Object.entries(shape)) {
    const v = obj[name];
    if (v === undefined) {
      if (rule.required) fail(`field "${name}" is missing`);
      continue;
    }
    if (v === null) {
      if (!rule.nullable) fail(`field "${name}" is null`);
      continue;
    }
    if (typeOf(v) !== rule.type) fail(`field "${name}" is ${typeOf(v)}, not ${rule.type}`);
    if (rule.oneOf && !rule.oneOf.includes(v as string)) fail(`field "${name}" is not one of the values Waldur documents`);
  }
  return value as T;
}

export function checkRows<T>(rows: readonly unknown[], shape: Shape, operation: string): T[] {
  rows.forEach((r, i) => checkShape(r, shape, operation, i));
  return rows as T[];
}
