import { builder } from '../builder.js';

/** A Waldur user as embedded in other objects; attributes are null when the offering does not expose them. */
export interface UserSummary {
  uuid: string;
  url?: string | null;
  username?: string | null;
  fullName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  organization?: string | null;
  jobTitle?: string | null;
  affiliations?: string[] | null;
  gender?: string | null;
  personalTitle?: string | null;
  placeOfBirth?: string | null;
  countryOfResidence?: string | null;
  nationality?: string | null;
  nationalities?: string[] | null;
  organizationCountry?: string | null;
  organizationType?: string | null;
  organizationRegistryCode?: string | null;
  eduPersonAssurance?: string[] | null;
  civilNumber?: string | null;
  birthDate?: string | null;
  identitySource?: string | null;
  activeIsds?: string[] | null;
}

export const UserSummaryRef = builder.objectRef<UserSummary>('UserSummary').implement({
  description: 'A Waldur user as seen through another object. Personal attributes are null unless the offering exposes them.',
  fields: (t) => {
    const s = (name: keyof UserSummary, description?: string) =>
      t.string({ nullable: true, description, resolve: (u) => (u[name] as string | null | undefined) ?? null });
    // Waldur's schema leaves these JSON fields untyped: a list of strings is a list, anything else null.
    const list = (name: keyof UserSummary, description?: string) =>
      t.stringList({ nullable: true, description, resolve: (u) => stringList(u[name]) });
    return {
      uuid: t.field({ type: 'UUID', resolve: (u) => u.uuid }),
      url: t.field({ type: 'URL', nullable: true, resolve: (u) => u.url || null }),
      username: s('username'),
      fullName: s('fullName'),
      firstName: s('firstName'),
      lastName: s('lastName'),
      email: s('email'),
      phoneNumber: s('phoneNumber'),
      organization: s('organization'),
      jobTitle: s('jobTitle'),
      affiliations: list('affiliations', "Affiliations within the organisation, e.g. student, faculty, staff."),
      gender: s('gender', 'ISO 5218 gender: male, female or unknown.'),
      personalTitle: s('personalTitle'),
      placeOfBirth: s('placeOfBirth'),
      countryOfResidence: s('countryOfResidence'),
      nationality: s('nationality', 'ISO 3166-1 alpha-2 code.'),
      nationalities: list('nationalities'),
      organizationCountry: s('organizationCountry'),
      organizationType: s('organizationType'),
      organizationRegistryCode: s('organizationRegistryCode'),
      eduPersonAssurance: list('eduPersonAssurance', 'REFEDS assurance profile URIs.'),
      civilNumber: s('civilNumber'),
      birthDate: t.field({ type: 'Date', nullable: true, resolve: (u) => u.birthDate ?? null }),
      identitySource: s('identitySource'),
      activeIsds: list('activeIsds'),
    };
  },
});

export interface OfferingSummary {
  uuid: string;
  url?: string | null;
  name?: string | null;
  slug?: string | null;
}

const stringList = (v: unknown): string[] | null => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : null);

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

export interface CustomerSummary {
  uuid: string;
  name?: string | null;
}

export const CustomerSummaryRef = builder.objectRef<CustomerSummary>('CustomerSummary').implement({
  description: 'A Waldur customer (organisation) as embedded in another object.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    name: t.string({ nullable: true, resolve: (c) => c.name ?? null }),
  }),
});
