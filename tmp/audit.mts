import { auditServer } from 'graphql-http';
import { startStack } from '/work/main/test/helpers/stack.js';
const stack = await startStack({ size: 10 });
for (const csrf of [false, true]) {
const results = await auditServer({ url: `${stack.gateway.url}/graphql`, fetchFn: (input: any, init: any) => fetch(input, { ...init, headers: { ...(init?.headers ?? {}), ...(csrf ? { 'x-graphql-csrf': '1' } : {}) } }) });
for (const r of results) if (r.status !== 'ok') console.log(csrf, r.status, r.id, r.name, 'reason' in r ? r.reason : '');
}
await stack.close();
