import { CONSENT_LIST } from '../../upstream/resources/consents.js';
import { OFFERING_USER_LIST } from '../../upstream/resources/offering-users.js';
import { currentUserUuid, getCurrentUser } from '../../upstream/resources/users.js';
import { builder } from '../builder.js';
import { filterInput, rest } from '../list-field.js';
import { CONSENT_FILTER_NAMES, ConsentConnection, ConsentOrderByEnum } from '../consent/consent.js';
import { OFFERING_USER_FILTER_NAMES, offeringUserList } from '../offering-user/offering-user.js';
import { OfferingUserStateEnum } from '../offering-user/enums.js';

/** Filters about whose lists these are would contradict "mine": the viewer's lists leave them out. */
const notMine = (wire: string) => !['user', 'user_uuid', 'user_username'].includes(wire);

/** The signed-in user: its UUID alone, the rest read from `users/me/` only when selected. */
interface ViewerRow {
  uuid: string;
}

export const ViewerRef = builder.objectRef<ViewerRow>('Viewer').implement({
  description:
    'The signed-in user (Waldur `/api/users/me/`) and the lists of their own pages. `uuid` and the lists need only who the caller is, which the gateway remembers per credential for a minute; the other fields read `users/me/` (once per operation).',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', resolve: (v) => v.uuid }),
    username: t.string({ resolve: async (_v, _a, ctx) => (await getCurrentUser(ctx.upstream)).username }),
    fullName: t.string({ nullable: true, resolve: async (_v, _a, ctx) => (await getCurrentUser(ctx.upstream)).full_name ?? null }),
    email: t.string({ nullable: true, resolve: async (_v, _a, ctx) => (await getCurrentUser(ctx.upstream)).email || null }),
    isStaff: t.boolean({ resolve: async (_v, _a, ctx) => (await getCurrentUser(ctx.upstream)).is_staff === true }),
    isSupport: t.boolean({ resolve: async (_v, _a, ctx) => (await getCurrentUser(ctx.upstream)).is_support === true }),
    offeringUsers: t.waldurConnection({
      ...offeringUserList,
      filter: filterInput(
        'ViewerOfferingUserFilter',
        OFFERING_USER_LIST.filters.filter((f) => notMine(f.wire)),
        {
          description: 'Query parameters of the Waldur offering-user list, for my own accounts.',
          names: OFFERING_USER_FILTER_NAMES,
          types: { state: [OfferingUserStateEnum] },
        },
      ),
      description:
        'My remote accounts: offering users of this user (Waldur offering users filtered by `user_uuid`). `totalCount` with a state filter counts the ones waiting for me.',
      request: (v: ViewerRow) => ({ values: { user_uuid: v.uuid } }),
    }),
    consents: t.waldurConnection({
      type: ConsentConnection,
      list: CONSENT_LIST,
      filter: filterInput(
        'ViewerConsentFilter',
        CONSENT_LIST.filters.filter((f) => notMine(f.wire)),
        {
          description: 'Query parameters of the Waldur consent list, for my own consents.',
          names: CONSENT_FILTER_NAMES,
        },
      ),
      orderBy: ConsentOrderByEnum,
      description: 'My Terms of Service consents (Waldur consents filtered by `user_uuid`).',
      request: (v: ViewerRow) => ({ values: { user_uuid: v.uuid } }),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'The signed-in user; null for an anonymous caller (no call is made).',
    ...rest(),
    resolve: async (_r, _a, ctx) => (ctx.upstream.hasCredentials ? { uuid: await currentUserUuid(ctx.upstream) } : null),
  }),
);
