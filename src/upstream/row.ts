import { z } from 'zod';
import type { FieldRule, Shape } from './shape.js';

/**
 * One description per Waldur row: a zod object says what each field is when Waldur sends it (its
 * TypeScript type is `z.infer` of it), and the gateway's check of every row is compiled from the
 * same description. The check is the fast table walk of shape.ts, not a zod parse: a list of 300
 * rows is checked in place, no row is copied. A read with `field=` leaves fields out, so a field is
 * only required to be there when `always` names it; when present it must be what the description says.
 */
export function rowShape<T extends z.ZodRawShape>(row: z.ZodObject<T>, always: ReadonlyArray<keyof T & string>): Shape {
  const shape: Shape = {};
  for (const [name, field] of Object.entries(row.shape)) {
    const rule = ruleOf(field, always.includes(name));
    if (rule) shape[name] = rule;
  }
  return shape;
}

/** The check of one field; undefined for a field Waldur's schema leaves untyped (`z.unknown()`). */
function ruleOf(field: z.core.$ZodType, required: boolean): FieldRule | undefined {
  let t: z.core.$ZodType = field;
  let nullable = false;
  for (;;) {
    if (t instanceof z.ZodOptional) t = t.unwrap();
    else if (t instanceof z.ZodNullable) {
      nullable = true;
      t = t.unwrap();
    } else break;
  }
  if (t instanceof z.ZodUnknown) return undefined;
  const base = { nullable, required };
  if (t instanceof z.ZodEnum) return { ...base, type: 'string', oneOf: t.options.map(String) };
  if (t instanceof z.ZodString) return { ...base, type: 'string' };
  if (t instanceof z.ZodNumber) return { ...base, type: 'number' };
  if (t instanceof z.ZodBoolean) return { ...base, type: 'boolean' };
  if (t instanceof z.ZodArray) return { ...base, type: 'array' };
  if (t instanceof z.ZodObject) return { ...base, type: 'object' };
  throw new TypeError(`A row field described as ${t.constructor.name} has no check: describe it as string, number, boolean, enum, array, object or unknown.`);
}
