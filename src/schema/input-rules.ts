import { getNullableType, GraphQLInputObjectType, type GraphQLInputType } from 'graphql';
import { invalidField, ValidationError } from './error-classes.js';

/**
 * A rule on one input field, declared where the field is (`...rules(maxLength(100))`) and checked
 * by `mutation()` before its resolver runs, so before any call to Waldur. Undefined when the value
 * passes; otherwise the ValidationError it gets, worded as Waldur would.
 */
export type InputRule = (value: unknown, field: string) => ValidationError | undefined;

/** The rules of an input field, as its `extensions`. */
export const rules = (...list: InputRule[]) => ({ extensions: { rules: list } });

export const maxLength =
  (n: number): InputRule =>
  (v, field) =>
    typeof v === 'string' && v.length > n ? invalidField(field, `at most ${n} characters.`, `Ensure this field has no more than ${n} characters.`) : undefined;

export const notBlank: InputRule = (v, field) => (typeof v === 'string' && !v.trim() ? invalidField(field, 'This field may not be blank.') : undefined);

/** A list of `min`..`max` items (`what` names them in the message). */
export const itemCount =
  (min: number, max: number, what: string): InputRule =>
  (v, field) => {
    if (!Array.isArray(v)) return undefined;
    if (v.length < min) return new ValidationError(`Give at least ${min === 1 ? 'one' : min} ${what}.`, [{ field, messages: ['This list may not be empty.'] }]);
    if (v.length > max) return new ValidationError(`At most ${max} ${what}s at once.`, [{ field, messages: [`At most ${max} items.`] }]);
    return undefined;
  };

/** Waldur's URLField takes http(s) and ftp(s) URLs (or null/"" to clear); the URL scalar parses any scheme. */
export const webUrl: InputRule = (v, field) =>
  v instanceof URL && !/^(https?|ftps?):$/.test(v.protocol)
    ? new ValidationError(`${field}: Enter a valid URL.`, [{ field, messages: ['Enter a valid URL (http, https, ftp or ftps).'] }])
    : undefined;

/** An uploaded image of at most `maxBytes`. */
export const image =
  (maxBytes: number): InputRule =>
  (v, field) => {
    if (!(v instanceof File)) return undefined;
    if (v.size > maxBytes) return invalidField(field, `at most ${maxBytes / 1024 / 1024} MB.`, 'The image is too large.');
    if (v.type && !v.type.startsWith('image/')) return invalidField(field, 'not an image.', `Expected an image, got ${v.type}.`);
    return undefined;
  };

const isRuleList = (x: unknown): x is InputRule[] => Array.isArray(x) && x.every((r) => typeof r === 'function');

/** The first rule an input value breaks, its fields checked in declaration order (nested inputs too). */
export function brokenRule(type: GraphQLInputType, value: unknown): ValidationError | undefined {
  const t = getNullableType(type);
  if (!(t instanceof GraphQLInputObjectType) || typeof value !== 'object' || value === null) return undefined;
  for (const [name, field] of Object.entries(t.getFields())) {
    if (!(name in value)) continue;
    const v: unknown = Reflect.get(value, name);
    const list = field.extensions.rules;
    if (isRuleList(list))
      for (const rule of list) {
        const broken = rule(v, name);
        if (broken) return broken;
      }
    const nested = brokenRule(field.type, v);
    if (nested) return nested;
  }
  return undefined;
}
