import { getIntrospectionQuery, parse } from 'graphql';
import { schema } from '/work/main/src/schema/index.js';
import { operationCost } from '/work/main/src/server/limits/rules.js';
const q = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true });
console.log(operationCost(schema, parse(q), null, {}));
console.log(operationCost(schema, parse(getIntrospectionQuery()), null, {}));
console.log(operationCost(schema, parse('{ __type(name: "OfferingUser") { name fields { name type { name kind ofType { name } } } } }'), null, {}));
