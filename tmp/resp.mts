import fc from 'fast-check';
import { runResponseProperty } from '/work/main/test/contract/responses.property.js';
const f = await runResponseProperty(25, 20261123);
for (const x of f) { const i = x.indexOf('Got error'); console.log(i >= 0 ? x.slice(i, i + 700) : x.slice(-700)); console.log('---'); }
