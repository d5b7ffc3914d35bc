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
