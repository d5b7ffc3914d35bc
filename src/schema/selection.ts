import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Field names selected under `path` below the current field, through fragments and aliases. */
export function selectedFieldNames(info: GraphQLResolveInfo, paths: string[][]): Set<string> {
  const out = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, path: string[]): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        collect(info.fragments[sel.name.value]?.selectionSet, path);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        collect(sel.selectionSet, path);
      } else if (path.length === 0) {
        out.add(sel.name.value);
      } else if (sel.name.value === path[0]) {
        collect(sel.selectionSet, path.slice(1));
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) for (const p of paths) collect(node.selectionSet, p);
  return out;
}

export const CONNECTION_NODE_PATHS = [['nodes'], ['edges', 'node']];

/**
 * Waldur fields a selection needs, from a table of GraphQL field -> REST fields. Any field missing
 * from the table means "unknown needs": no sparse fieldset then, so nothing can come back short.
 */
export function restFieldsFor(selected: Set<string>, table: Record<string, readonly string[]>, always: readonly string[]): string[] | undefined {
  const fields = new Set(always);
  for (const name of selected) {
    if (name === '__typename') continue;
    const needs = table[name];
    if (!needs) return undefined;
    for (const f of needs) fields.add(f);
  }
  return [...fields].sort();
}
