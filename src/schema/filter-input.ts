import type { FilterSpec } from '../upstream/resources/service-provider-lists.js';
import { filterName } from '../upstream/resources/service-provider-lists.js';
import { builder } from './builder.js';

type ScalarName = 'String' | 'UUID' | 'Boolean' | 'DateTime' | 'Date' | 'URL';

const TYPE: Record<FilterSpec['kind'], ScalarName | [ScalarName]> = {
  string: 'String',
  uuid: 'UUID',
  boolean: 'Boolean',
  datetime: 'DateTime',
  date: 'Date',
  url: 'URL',
  uuidCsv: ['UUID'],
  uuidRepeat: ['UUID'],
  stringCsv: ['String'],
  stringRepeat: ['String'],
};

/** A typed GraphQL input generated from a list's filter table; field names follow `filterName`. */
export function filterInput(name: string, specs: readonly FilterSpec[], description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) =>
      Object.fromEntries(
        specs.map((spec) => [
          filterName(spec),
          t.field({ type: TYPE[spec.kind] as never, description: spec.doc ?? `Waldur \`${spec.wire}\`.` }),
        ]),
      ),
  });
}

const upper = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** `[NAME_ASC, NAME_DESC, ...]` for Waldur's `o` keys. */
/** `ascendingOnly`: the list's ordering parameter takes no `-` (descending) keys. */
export function orderByEnum(name: string, keys: readonly string[], ascendingOnly = false) {
  return builder.enumType(name, {
    values: Object.fromEntries(keys.flatMap((k) => [[`${upper(k)}_ASC`, { value: k }], ...(ascendingOnly ? [] : [[`${upper(k)}_DESC`, { value: `-${k}` }]])])) as Record<string, { value: string }>,
  });
}
