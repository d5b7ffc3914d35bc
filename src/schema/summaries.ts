import { camel } from './naming.js';
import { builder } from './builder.js';

const USER_ATTRIBUTES = [
  ...['uuid', 'username', 'full_name', 'first_name', 'last_name', 'email', 'phone_number', 'organization', 'job_title', 'affiliations', 'gender'],
  ...['personal_title', 'place_of_birth', 'country_of_residence', 'nationality', 'nationalities', 'organization_country', 'organization_type'],
  ...['organization_registry_code', 'eduperson_assurance', 'civil_number', 'birth_date', 'identity_source', 'active_isds'],
] as const;

/** A `user_*` attribute Waldur embeds in offering users (only those the offering exposes) and consents. */
export type UserField = `user_${(typeof USER_ATTRIBUTES)[number]}`;
export const USER_FIELDS: readonly UserField[] = USER_ATTRIBUTES.map((a) => `user_${a}` as const);

const LISTS = new Set<UserField>(['user_affiliations', 'user_nationalities', 'user_eduperson_assurance', 'user_active_isds']);
const NAME: Partial<Record<UserField, string>> = { user_eduperson_assurance: 'eduPersonAssurance' };
const DOCS: Record<string, string> = {
  affiliations: 'Affiliations within the organisation, e.g. student, faculty, staff.',
  gender: 'ISO 5218 gender: male, female or unknown.',
  nationality: 'ISO 3166-1 alpha-2 code.',
  eduPersonAssurance: 'REFEDS assurance profile URIs.',
};

/** A row that embeds a user as `user_*` fields (and `user`, its URL): read in place, nothing copied. */
export type UserRow = { readonly user_uuid: string; readonly user?: string | null } & { readonly [K in UserField]?: unknown };

// Waldur's schema leaves these JSON fields untyped: a list of strings is a list, anything else null.
const stringList = (v: unknown): string[] | null => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : null);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

export const UserSummaryRef = builder.objectRef<UserRow>('UserSummary').implement({
  description: 'A Waldur user as seen through another object. Personal attributes are null unless the offering exposes them.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (u) => u.user_uuid }),
    url: t.field({ type: 'URL', nullable: true, resolve: (u) => u.user || null }),
    birthDate: t.field({ type: 'Date', nullable: true, resolve: (u) => text(u.user_birth_date) }),
    ...Object.fromEntries(
      USER_FIELDS.filter((w) => w !== 'user_uuid' && w !== 'user_birth_date').map((wire) => {
        const name = NAME[wire] ?? camel(wire.slice('user_'.length));
        const description = DOCS[name];
        return [
          name,
          LISTS.has(wire)
            ? t.stringList({ nullable: true, description, resolve: (u) => stringList(u[wire]) })
            : t.string({ nullable: true, description, resolve: (u) => text(u[wire]) }),
        ];
      }),
    ),
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
