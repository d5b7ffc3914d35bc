import { GraphQLError, Kind, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { OFFERING_USER_LIST, offeringUserRow } from '../../upstream/resources/offering-users.js';
import { camel } from '../naming.js';
import { LiveError, type LiveEvent } from '../../live/events.js';
import { builder } from '../builder.js';
import { restFieldsAt } from '../list-field.js';
import type { GatewayContext } from '../context.js';
import { offeringUserList, OfferingUserRef } from './offering-user.js';
import { primeRows } from '../../upstream/list-spec.js';

const OfferingUserChangeKindEnum = builder.enumType('OfferingUserChangeKind', {
  description: 'What happened to the account.',
  values: {
    CREATED: { description: 'An account the subscription watches appeared (created, or now visible to it).' },
    UPDATED: { description: 'At least one field changed: `changedFields` says which.' },
    DELETED: { description: 'The account is gone (deleted, or no longer matches the filter or visible to the caller).' },
    RESYNC: {
      description:
        'The events since the `Last-Event-ID` the client resumed from are no longer retained (LIVE_RETENTION_MS): refetch the list, then carry on with the events that follow.',
    },
  },
});

/** A cohort event, resolved for one subscriber. */
type Change = LiveEvent & { kind: 'CREATED' | 'UPDATED' | 'DELETED' | 'RESYNC' };

const OfferingUserChangeRef = builder.objectRef<Change>('OfferingUserChange').implement({
  description:
    "A change to an offering user, as the gateway's poll of Waldur saw it. Every event of the stream carries an SSE `id:` (also in `extensions.eventId`): reconnect with it as `Last-Event-ID` to get exactly what was missed.",
  fields: (t) => ({
    kind: t.field({ type: OfferingUserChangeKindEnum, resolve: (e) => e.kind }),
    uuid: t.field({ type: 'UUID', nullable: true, description: 'The account; null only for RESYNC.', resolve: (e) => e.uuid ?? null }),
    offeringUser: t.field({
      type: OfferingUserRef,
      nullable: true,
      description: "The account as it is now, every field resolving as in a query, with the subscriber's credentials; null when DELETED or RESYNC.",
      resolve: (e) => (e.row ? offeringUserRow(e.row) : null),
    }),
    changedFields: t.stringList({
      description: 'Fields of OfferingUser whose value changed (camelCase Waldur names, e.g. `state`, `username`); empty unless UPDATED.',
      resolve: (e) => (e.changedFields ?? []).map(camel),
    }),
  }),
});

const OFFERING_USER_TYPE = (info: GraphQLResolveInfo) => info.schema.getType('OfferingUser') as GraphQLObjectType;
const selectsOfferingUser = (info: GraphQLResolveInfo) =>
  info.fieldNodes.some((n) => n.selectionSet?.selections.some((s) => s.kind !== Kind.FIELD || s.name.value === 'offeringUser'));

/** Refusals and ends become one error event with its code, then the stream completes. */
const ENDED = Symbol('ended');
type Ended = { [ENDED]: GraphQLError };

async function* changes(
  ctx: GatewayContext,
  filter: Record<string, unknown> | null | undefined,
  uuid: string | null | undefined,
  fields: string[] | undefined,
): AsyncGenerator<Change | Ended> {
  if (!ctx.live) throw new GraphQLError('Subscriptions are not served by this gateway.', { extensions: { code: 'UNAVAILABLE' } });
  try {
    for await (const event of ctx.live({ filter, uuid, fields })) {
      if (event.kind === 'OPEN' || event.kind === 'ERROR') continue;
      // Each event is resolved as a new operation of the subscriber: fresh loaders and budget.
      ctx.renew?.();
      // A row read with `field=` has only what this subscription selects: primed as partial.
      if (event.row && fields === undefined) primeRows(ctx.upstream, OFFERING_USER_LIST, [event.row]);
      ctx.liveEventId = event.id;
      yield event as Change;
    }
  } catch (err) {
    if (!(err instanceof LiveError)) throw err;
    yield { [ENDED]: new GraphQLError(err.message, { extensions: { code: err.code } }) };
  }
}

builder.subscriptionField('offeringUserChanged', (t) =>
  t.field({
    type: OfferingUserChangeRef,
    description:
      'Changes to the offering users the caller can see, pushed as Waldur reports them: the gateway polls Waldur once per interval for all subscribers with the same credentials and filter. `uuid` watches one account. Needs credentials.',
    args: {
      filter: t.arg({ type: offeringUserList.filter.ref }),
      uuid: t.arg({ type: 'UUID' }),
    },
    // The poll reads only what the subscription selects on `offeringUser` (`field=`), as a list does;
    // a subscription that selects no field of it hears of a change to any field.
    subscribe: (_root, args, ctx, info) =>
      changes(
        ctx,
        offeringUserList.filter.toWire(args.filter),
        args.uuid,
        selectsOfferingUser(info) ? restFieldsAt(info, OFFERING_USER_TYPE(info), [['offeringUser']]) : undefined,
      ),
    resolve: (event: Change | Ended) => {
      if (ENDED in event) throw event[ENDED];
      return event;
    },
  }),
);
