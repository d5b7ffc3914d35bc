import { UpstreamError } from './errors.js';
import { wireUuid } from './uuid.js';

/** Longest single filter value sent to Waldur; a search text past it is no longer a search. */
export const MAX_VALUE_CHARS = 1_000;

function bounded(name: string, value: string): string {
  if (value.length > MAX_VALUE_CHARS) {
    throw new UpstreamError('REQUEST_TOO_LARGE', `A value of the filter \`${name}\` is ${value.length} characters long; the limit is ${MAX_VALUE_CHARS}.`, {
      method: 'GET',
      path: '',
    });
  }
  return value;
}

/**
 * Encodes Waldur query strings. Choice filters repeat the parameter (`state=A&state=B`),
 * "In" filters and ordering are comma-separated (`offering_uuid=a,b`, `o=-created,username`),
 * sparse fieldsets repeat `field=`.
 */
export class Query {
  private readonly params = new URLSearchParams();

  set(name: string, value: string | number | boolean | undefined | null): this {
    if (value !== undefined && value !== null) this.params.set(name, bounded(name, String(value)));
    return this;
  }

  repeat(name: string, values: readonly string[] | undefined | null): this {
    for (const v of values ?? []) this.params.append(name, bounded(name, v));
    return this;
  }

  /** A UUID parameter, in the dashed form the schema declares. */
  uuid(name: string, value: string | undefined | null): this {
    return this.set(name, value ? wireUuid(value) : value);
  }

  /** Comma-separated UUIDs (`style: form, explode: false`). */
  uuidCsv(name: string, values: readonly string[] | undefined | null): this {
    return this.csv(name, values?.map(wireUuid));
  }

  csv(name: string, values: readonly string[] | undefined | null): this {
    if (values && values.length > 0) this.params.set(name, values.map((v) => bounded(name, v)).join(','));
    return this;
  }

  delete(name: string): this {
    this.params.delete(name);
    return this;
  }

  toString(): string {
    return this.params.toString();
  }

  clone(): Query {
    const q = new Query();
    for (const [k, v] of this.params) q.params.append(k, v);
    return q;
  }
}
