import fc from 'fast-check';

/** The parts of an OpenAPI 3.0 schema object the generator reads. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** Set here, not by the schema: an object's own hyperlink, never empty. */
  'x-own-link'?: boolean;
}
type S = SchemaObject;

/**
 * fast-check values that Waldur's OpenAPI schema allows for `schema`, as Waldur sends them: every
 * declared property present (a full answer; `field=` is what leaves some out), nulls where
 * `nullable`, extra unknown properties sometimes, UUIDs in Waldur's 32-hex form and "" for some empty
 * URLs (the deviations in deviations.ts).
 */
export function arbitraryFor(schema: S, components: Record<string, S>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (schema.$ref) return arbitraryFor(components[schema.$ref.split('/').pop()!]!, components, depth + 1);
  let arb = base(schema, components, depth);
  if (schema.nullable) arb = fc.option(arb, { nil: null, freq: 3 });
  return arb;
}

const ISO = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

function base(s: S, c: Record<string, S>, d: number): fc.Arbitrary<unknown> {
  if (s.allOf) return arbitraryFor(Object.assign({}, ...s.allOf.map((x) => (x.$ref ? c[x.$ref.split('/').pop()!] : x))) as S, c, d + 1);
  if (s.oneOf || s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf ?? []).map((x) => arbitraryFor(x, c, d + 1)));
  if (s.enum) {
    const values = s.enum.filter((v) => v !== null);
    // drf-spectacular's NullEnum ([null]) and BlankEnum ([""]) stand for "no value".
    return values.length ? fc.constantFrom(...values) : fc.constant(null);
  }
  switch (s.type) {
    case 'string':
      switch (s.format) {
        case 'uuid':
          return fc.uuid().map((u) => u.replace(/-/g, ''));
        case 'date-time':
          return ISO.map((x) => x.toISOString());
        case 'date':
          return ISO.map((x) => x.toISOString().slice(0, 10));
        case 'uri': {
          const link = fc.uuid().map((u) => `https://waldur.example.com/api/x/${u.replace(/-/g, '')}/`);
          // An object's own hyperlink (`url`) always exists; other URLs may be empty ("").
          return s['x-own-link'] ? link : fc.oneof(fc.constant(''), link);
        }
        case 'email':
          return fc.constantFrom('a@example.org', 'someone@uni.example.edu');
        case 'decimal':
          return fc.integer({ min: -100000, max: 100000 }).map((n) => (n / 100).toFixed(2));
        default:
          return fc.string({ maxLength: Math.min(s.maxLength ?? 24, 24) });
      }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFor(s.items ?? {}, c, d + 1), { maxLength: 3 });
    default: {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()), { maxKeys: 3 });
      const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, arbitraryFor(k === 'url' ? { ...v, 'x-own-link': true } : v, c, d + 1)])));
      // Newer Waldur versions add fields: those must pass too.
      return fc
        .tuple(record, fc.option(fc.constantFrom({ added_in_a_newer_waldur: 1 }, { x_extra: { nested: [1, 2] } }), { nil: undefined }))
        .map(([r, extra]) => ({ ...r, ...extra }));
    }
  }
}
