import { toMutationError } from '../errors.js';

/**
 * Runs a mutation's upstream work and turns expected failures into error-union members.
 * `fieldNames` maps Waldur's field names onto the GraphQL input's, for ValidationError.
 */
export async function guarded<T>(fieldNames: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toMutationError(err, fieldNames);
  }
}
