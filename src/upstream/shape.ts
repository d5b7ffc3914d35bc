import { UpstreamError } from './errors.js';

/** What a field must be when Waldur sends it; `required` fields must be there. */
export type FieldRule = { type: 'string' | 'boolean' | 'number' | 'array' | 'object'; nullable?: boolean; required?: boolean; oneOf?: readonly string[] };
export type Shape = Record<string, FieldRule>;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const entries = new WeakMap<Shape, Array<[string, FieldRule]>>();
const entriesOf = (shape: Shape) => entries.get(shape) ?? entries.set(shape, Object.entries(shape)).get(shape)!;

/** What is wrong with one value, or undefined: allocation-free when all is well (every row of every list). */
function problem(value: unknown, shape: Shape): string | undefined {
  if (typeOf(value) !== 'object') return `is ${typeOf(value)}, not an object`;
  const obj = value as Record<string, unknown>;
  for (const [name, rule] of entriesOf(shape)) {
    const v = obj[name];
    if (v === undefined) {
      if (rule.required) return `field "${name}" is missing`;
    } else if (v === null) {
      if (!rule.nullable) return `field "${name}" is null`;
    } else if (typeOf(v) !== rule.type) {
      return `field "${name}" is ${typeOf(v)}, not ${rule.type}`;
    } else if (rule.oneOf && !rule.oneOf.includes(v as string)) {
      return `field "${name}" is not one of the values Waldur documents`;
    }
  }
  return undefined;
}

/** Which description checked each row: a row carries its type, and the schema's `isTypeOf` reads it. */
const describedBy = new WeakMap<object, Shape>();

/** Whether `value` is a row `shape` checked (and so a row of that resource). */
export const isDescribedBy = (value: unknown, shape: Shape): boolean => typeof value === 'object' && value !== null && describedBy.get(value) === shape;

/**
 * Checks what Waldur sent against the fields the gateway relies on, before any resolver sees it,
 * and remembers the row as one of this resource.
 * The error names the operation, the row and the field, never the value (it may be anyone's data).
 * Fields not listed, and extra fields, pass: a newer Waldur may add some.
 */
export function checkShape<T>(value: unknown, shape: Shape, operation: string, row?: number): T {
  const what = problem(value, shape);
  if (what !== undefined) {
    const where = row === undefined ? '' : ` row ${row}`;
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `Waldur's answer to ${operation} does not have the expected shape:${where} ${what}.`, {
      method: 'GET',
      path: operation,
    });
  }
  describedBy.set(value as object, shape);
  return value as T;
}

export function checkRows<T>(rows: readonly unknown[], shape: Shape, operation: string): T[] {
  for (let i = 0; i < rows.length; i++) checkShape(rows[i], shape, operation, i);
  return rows as T[];
}
