import { builder } from './builder.js';

type NodeRef = Parameters<typeof builder.connectionObject>[0]['type'];

/** A Relay connection over `node` with `totalCount` (Waldur's X-Result-Count). */
export function countedConnection<R extends NodeRef>(node: R, name: string) {
  return builder.connectionObject(
    {
      type: node,
      name: `${name}Connection`,
      fields: (t) => ({ totalCount: t.int({ description: 'Rows matching the query (Waldur X-Result-Count).', resolve: (c) => (c as unknown as { totalCount: number }).totalCount }) }),
    },
    { name: `${name}Edge` },
  );
}
