import { runResponseProperty } from '/work/main/test/contract/responses.property.js';
const f = await runResponseProperty(40, 99);
console.log('failures', f.length);
for (const x of f) console.log(x.split('\n')[0].slice(0, 600));
