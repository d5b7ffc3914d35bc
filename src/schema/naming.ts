/** Waldur's snake_case names in GraphQL's camelCase (`offering_uuid` -> `offeringUuid`). */
export const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
