import { builder } from '../builder.js';

const TEXT = ['username', 'fullName', 'firstName', 'lastName', 'email', 'phoneNumber', 'organization', 'jobTitle', 'gender', 'personalTitle', 'placeOfBirth'] as const;
const MORE_TEXT = ['countryOfResidence', 'nationality', 'organizationCountry', 'organizationType', 'organizationRegistryCode', 'civilNumber', 'identitySource'] as const;
const LISTS = ['affiliations', 'nationalities', 'eduPersonAssurance', 'activeIsds'] as const;
const DOCS: Record<string, string> = {
  affiliations: 'Affiliations within the organisation, e.g. student, faculty, staff.',
  gender: 'ISO 5218 gender: male, female or unknown.',
  nationality: 'ISO 3166-1 alpha-2 code.',
  eduPersonAssurance: 'REFEDS assurance profile URIs.',
};

/** A Waldur user as embedded in other objects; attributes are null when the offering does not expose them. */
export type UserSummary = { uuid: string; url?: string | null; birthDate?: string | null } & Partial<
  Record<(typeof TEXT)[number] | (typeof MORE_TEXT)[number], string | null> & Record<(typeof LISTS)[number], unknown>
>;

// Waldur's schema leaves these JSON fields untyped: a list of strings is a list, anything else null.
const stringList = (v: unknown): string[] | null => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : null);

export const UserSummaryRef = builder.objectRef<UserSummary>('UserSummary').implement({
  description: 'A Waldur user as seen through another object. Personal attributes are null unless the offering exposes them.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (u) => u.uuid }),
    url: t.field({ type: 'URL', nullable: true, resolve: (u) => u.url || null }),
    birthDate: t.field({ type: 'Date', nullable: true, resolve: (u) => u.birthDate ?? null }),
    ...Object.fromEntries([...TEXT, ...MORE_TEXT].map((k) => [k, t.string({ nullable: true, description: DOCS[k], resolve: (u) => u[k] ?? null })])),
    ...Object.fromEntries(LISTS.map((k) => [k, t.stringList({ nullable: true, description: DOCS[k], resolve: (u) => stringList(u[k]) })])),
  }),
});

export interface OfferingSummary {
  uuid: string;
  url?: string | null;
  name?: string | null;
  slug?: string | null;
}

export const OfferingSummaryRef = builder.objectRef<OfferingSummary>('OfferingSummary').implement({
  description: 'A marketplace offering as embedded in another object.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (o) => o.uuid }),
    // Waldur sends "" for an empty URL; the URL scalar cannot serialise it.
    url: t.field({ type: 'URL', nullable: true, resolve: (o) => o.url || null }),
    name: t.string({ nullable: true, resolve: (o) => o.name ?? null }),
    slug: t.string({ nullable: true, resolve: (o) => o.slug ?? null }),
  }),
});

export const CustomerSummaryRef = builder.objectRef<{ uuid: string; name?: string | null }>('CustomerSummary').implement({
  description: 'A Waldur customer (organisation) as embedded in another object.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    name: t.string({ nullable: true, resolve: (c) => c.name ?? null }),
  }),
});
