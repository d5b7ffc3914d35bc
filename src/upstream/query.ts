import { wireUuid } from './uuid.js';

/**
 * Encodes Waldur query strings. Choice filters repeat the parameter (`state=A&state=B`),
 * "In" filters and ordering are comma-separated (`offering_uuid=a,b`, `o=-created,username`),
 * sparse fieldsets repeat `field=`.
 */
export class Query {
  private readonly params = new URLSearchParams();

  set(name: string, value: string | number | boolean | undefined | null): this {
    if (value !== undefined && value !== null) this.params.set(name, String(value));
    return this;
  }

  repeat(name: string, values: readonly string[] | undefined | null): this {
    for (const v of values ?? []) this.params.append(name, v);
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
    if (values && values.length > 0) this.params.set(name, values.join(','));
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
