import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A random operation built from the schema, with its arguments passed as variables. */
export interface FuzzOperation {
  query: string;
  variables: Record<string, unknown>;
}

const junk = fc.oneof(fc.string({ maxLength: 40 }), fc.constant(''), fc.constant('💥'), fc.integer(), fc.constant(null));
const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);

/** Mostly well-formed values, so operations get past validation and reach resolvers and Waldur. */
const mostly = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown> = junk) => fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });

function scalarValue(name: string, known: string[]): fc.Arbitrary<unknown> {
  switch (name) {
    case 'UUID':
      return mostly(fc.oneof(fc.constantFrom(...known), hex32));
    case 'String':
      return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('OK', 'SERVICE_PROVIDER.MANAGER', 'Puhti', 'uma.user'));
    case 'Int':
      return mostly(fc.integer({ min: 0, max: 60 }), fc.oneof(fc.integer({ min: -3, max: 320 }), fc.integer()));
    case 'Float':
      return fc.double({ noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return mostly(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
    case 'Date':
      return mostly(fc.constantFrom('2026-01-31', '2027-06-30'), fc.oneof(fc.constant('2026-13-01'), junk));
    case 'URL':
      return mostly(fc.webUrl());
    case 'JSON':
      return fc.jsonValue({ maxDepth: 2 });
    case 'ID':
      return fc.oneof(
        fc.string(),
        fc.constantFrom(...known).map((u) => Buffer.from(`OfferingUser:${u}`).toString('base64')),
      );
    default:
      return fc.constant(null);
  }
}

function inputValue(type: GraphQLInputType, known: string[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputValue(type.ofType, known, depth);
  if (isListType(type)) return fc.array(inputValue(type.ofType, known, depth + 1), { maxLength: 3 });
  if (isEnumType(type)) return mostly(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE'));
  if (isInputObjectType(type)) {
    if (depth > 2) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, known, depth + 1)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  }
  if (isScalarType(type)) return scalarValue(type.name, known);
  return fc.constant(null);
}

interface Built {
  text: string;
  vars: Array<{ name: string; type: string; value: fc.Arbitrary<unknown> }>;
}

function argsFor(field: GraphQLField<unknown, unknown>, known: string[], counter: { n: number }, includeOptional: boolean[]): Built {
  const vars: Built['vars'] = [];
  const parts: string[] = [];
  field.args.forEach((a: GraphQLArgument, i) => {
    if (!isNonNullType(a.type) && !includeOptional[i % includeOptional.length]) return;
    const name = `v${counter.n++}`;
    vars.push({ name, type: String(a.type), value: inputValue(a.type, known) });
    parts.push(`${a.name}: $${name}`);
  });
  return { text: parts.length ? `(${parts.join(', ')})` : '', vars };
}

function selection(type: GraphQLOutputType, pick: number[], depth: number, known: string[], counter: { n: number }, schema: GraphQLSchema): Built {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return { text: '', vars: [] };
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = schema.getPossibleTypes(named);
    const chosen = possible.filter((_, i) => pick[(i + depth) % pick.length]! % 3 === 0).slice(0, 2);
    const parts = chosen.map((t) => {
      const inner = selection(t, pick.slice(1), depth, known, counter, schema);
      return { text: inner.text ? `... on ${t.name} ${inner.text}` : '', vars: inner.vars };
    });
    return { text: `{ __typename ${parts.map((p) => p.text).join(' ')} }`, vars: parts.flatMap((p) => p.vars) };
  }
  if (!isObjectType(named)) return { text: '', vars: [] };
  const fields = Object.values(named.getFields());
  const chosen = fields.filter((_, i) => pick[(i + depth) % pick.length]! % 4 === 0).slice(0, 4);
  const parts: Built[] = [];
  for (const f of chosen.length ? chosen : fields.slice(0, 1)) {
    const leaf = isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type));
    if (!leaf && depth >= 3) continue;
    const args = argsFor(
      f,
      known,
      counter,
      pick.map((p) => p % 2 === 0),
    );
    const sub = leaf ? { text: '', vars: [] } : selection(f.type, pick.slice(1).concat(pick[0]!), depth + 1, known, counter, schema);
    if (!leaf && !sub.text) continue;
    parts.push({ text: `${f.name}${args.text} ${sub.text}`, vars: [...args.vars, ...sub.vars] });
  }
  if (!parts.length) parts.push({ text: '__typename', vars: [] });
  return { text: `{ ${parts.map((p) => p.text).join(' ')} }`, vars: parts.flatMap((p) => p.vars) };
}

/** An arbitrary operation over the gateway's schema, queries and mutations alike. */
export function operationArbitrary(schema: GraphQLSchema, known: string[]): fc.Arbitrary<FuzzOperation> {
  const roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
    ...Object.values(schema.getMutationType()!.getFields()).map((f) => ['mutation', f] as const),
  ];
  return fc
    .tuple(fc.integer({ min: 0, max: roots.length - 1 }), fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 6, maxLength: 12 }))
    .chain(([i, pick]) => {
      const [kind, field] = roots[i]!;
      const counter = { n: 0 };
      const args = argsFor(
        field,
        known,
        counter,
        pick.map((p) => p % 2 === 0),
      );
      const sub = selection(field.type, pick, 1, known, counter, schema);
      const vars = [...args.vars, ...sub.vars];
      const header = vars.length ? `(${vars.map((v) => `$${v.name}: ${v.type}`).join(', ')})` : '';
      const query = `${kind} Fuzz${header} { ${field.name}${args.text} ${sub.text} }`;
      return fc.record(Object.fromEntries(vars.map((v) => [v.name, v.value]))).map((variables) => ({ query, variables }));
    });
}

/** Random values for the offering-user filter and paging, typed or not. */
export function filterArbitrary(known: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      first: fc.oneof(fc.integer({ min: -2, max: 310 }), fc.constant(null)),
      after: fc.oneof(
        fc.constant(null),
        fc.string(),
        fc.integer({ min: 0, max: 500 }).map((n) => Buffer.from(`offset:${n}`).toString('base64url')),
      ),
      filter: fc.record(
        {
          offeringUuid: fc.array(fc.oneof(fc.constantFrom(...known), hex32, junk), { maxLength: 3 }),
          state: fc.array(fc.oneof(fc.constantFrom('OK', 'REQUESTED', 'DELETED'), fc.string()), { maxLength: 2 }),
          userUsername: fc.oneof(fc.string(), junk),
          query: fc.string({ maxLength: 20 }),
          createdAfter: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            junk,
          ),
          isRestricted: fc.oneof(fc.boolean(), junk),
          offering: fc.oneof(fc.webUrl(), junk),
        },
        { requiredKeys: [] },
      ),
      orderBy: fc.array(fc.oneof(fc.constantFrom('CREATED_DESC', 'USERNAME_ASC'), fc.string()), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
}

export interface Verdict {
  ok: boolean;
  reason?: string;
}

/** The invariants every answer must keep, whatever was asked. */
export function check(status: number, body: unknown): Verdict {
  if (status >= 500) return { ok: false, reason: `HTTP ${status}` };
  if (!body || typeof body !== 'object') return { ok: false, reason: 'no JSON body' };
  const errors = (body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> }).errors ?? [];
  for (const e of errors) {
    if (!e.extensions?.code) return { ok: false, reason: `error without code: ${e.message}` };
    if (e.message === 'Unexpected error.') return { ok: false, reason: 'masked unexpected error' };
  }
  return { ok: true };
}
