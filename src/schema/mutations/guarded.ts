import { toMutationError } from '../errors.js';

/**
 * Runs a mutation's upstream work and turns expected failures into error-union members.
 * `mapping` maps Waldur's field names onto the GraphQL input's (for ValidationError), or is a
 * resource's own converter when it has errors of its own (consents).
 */
export async function guarded<T>(mapping: Record<string, string> | ((err: unknown) => Error), run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw typeof mapping === 'function' ? mapping(err) : toMutationError(err, mapping);
  }
}
