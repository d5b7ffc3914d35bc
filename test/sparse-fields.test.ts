import { readFileSync } from 'node:fs';
import { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { findSchema } from './contract/openapi-contract.js';

interface OpenApi {
  components: { schemas: Record<string, { enum?: string[] }> };
}

const openapi = JSON.parse(readFileSync(findSchema()!, 'utf8')) as OpenApi;

/**
 * A type whose lists send `field=` derives the fieldset from what each field declares beside its
 * resolver (`extensions.rest`). A field that declares nothing, or a key Waldur's `field` parameter
 * does not take, fails here, before a client gets a row with the field silently missing.
 */
const SPARSE: Record<string, string> = { OfferingUser: 'OfferingUserFieldEnum' };

describe('sparse fieldsets are derived from field declarations', () => {
  for (const [typeName, enumName] of Object.entries(SPARSE)) {
    it(`every ${typeName} field declares the Waldur fields it reads, each one ${enumName} accepts`, () => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      const accepted = new Set(openapi.components.schemas[enumName].enum);
      expect(accepted.size).toBeGreaterThan(10);
      const always = type.extensions.restAlways as string[];
      expect(always).toEqual(['uuid', 'offering_uuid']);
      const undeclared: string[] = [];
      const unknown: string[] = [];
      for (const field of Object.values(type.getFields())) {
        const rest = field.extensions.rest as string[] | undefined;
        if (!rest?.length) undeclared.push(field.name);
        for (const f of [...(rest ?? []), ...always]) if (!accepted.has(f)) unknown.push(`${field.name}: ${f}`);
      }
      expect(undeclared).toEqual([]);
      expect(unknown).toEqual([]);
    });
  }

  it('every type that opts into sparse fieldsets is checked above', () => {
    const optedIn = Object.values(schema.getTypeMap()).filter((t) => t instanceof GraphQLObjectType && t.extensions.restAlways);
    expect(optedIn.map((t) => t.name)).toEqual(Object.keys(SPARSE));
  });
});
