import { GraphQLError, Kind, parse, type ExecutionArgs, type OperationDefinitionNode, type ParseOptions, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import { costError, limitRules, operationCost, tooManyIdsError, type OperationLimits } from '../limits/rules.js';

/**
 * Depth, aliases and directives are checked when the document is validated (and cached with it);
 * tokens while parsing; cost at execution, where the variables (`first: $n`) are known.
 */
export function useOperationLimits(limits: OperationLimits): Plugin<GatewayContext> {
  const rules = limitRules(limits);
  return {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (err) {
          if (err instanceof GraphQLError && /more tha[nt] \d+ tokens/.test(err.message)) {
            throw new GraphQLError(`The document has more than ${limits.maxTokens} tokens, the limit.`, {
              extensions: { code: 'OPERATION_LIMIT', limit: 'tokens', http: { status: 400 } },
            });
          }
          throw err;
        }
      });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const { cost, ids } = costOf(args);
      if (ids) setResultAndStopExecution({ errors: [tooManyIdsError(ids)] });
      else if (cost > limits.maxCost) setResultAndStopExecution({ errors: [costError(cost, limits.maxCost)] });
    },
    // A subscription's document is costed once, as it opens: every event resolves that selection.
    onSubscribe({ args, setResultAndStopExecution }) {
      const { cost, ids } = costOf(args);
      if (ids) setResultAndStopExecution({ errors: [tooManyIdsError(ids)] });
      else if (cost > limits.maxCost) setResultAndStopExecution({ errors: [costError(cost, limits.maxCost)] });
    },
  };
}

interface Costed {
  cost: number;
  ids: number;
}

// A document without variables costs the same every time: yoga's parse cache (and a registered
// document) hand back the same DocumentNode, so its cost is computed once, keyed by the operation
// node itself (never by the operationName a client sends, so nothing here grows with requests).
const fixedCosts = new WeakMap<OperationDefinitionNode, Costed>();

function costOf(args: ExecutionArgs): Costed {
  const ops = args.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = args.operationName == null ? (ops.length === 1 ? ops[0] : undefined) : ops.find((o) => o.name?.value === args.operationName);
  const fixed = op !== undefined && !op.variableDefinitions?.length;
  const known = fixed ? fixedCosts.get(op) : undefined;
  if (known) return known;
  let ids = 0;
  const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues, (n) => (ids = Math.max(ids, n)));
  if (fixed) fixedCosts.set(op, { cost, ids });
  return { cost, ids };
}
