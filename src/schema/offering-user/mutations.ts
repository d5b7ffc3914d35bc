import {
  createOfferingUser,
  deleteOfferingUser,
  getOfferingUser,
  OFFERING_USER_LIST,
  updateOfferingUser,
  updateOfferingUserComments,
  updateOfferingUserRestricted,
  type OfferingUserDto,
  type OfferingUserWrite,
} from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { ValidationError } from '../error-classes.js';
import { urlWire } from '../errors.js';
import { maxLength, rules, webUrl } from '../input-rules.js';
import { mutation, patchAndPut, uuidInput } from '../mutation.js';
import { OfferingUserRef } from './offering-user.js';
import { primeRows } from '../../upstream/list-spec.js';

const success = { offeringUser: OfferingUserRef };
const MAX_USERNAME = 100;

/** Re-reads after a bodiless REST answer (the write cleared what this operation had read). */
export async function reread(ctx: GatewayContext, uuid: string): Promise<{ offeringUser: OfferingUserDto }> {
  // Read through the operation's cache: later fields of this account are answered by it.
  return { offeringUser: await getOfferingUser(ctx.upstream, uuid) };
}

mutation('createOfferingUser', {
  description: 'Creates an offering user (needs OFFERING.CREATE_USER on the provider, and an offering that allows it).',
  input: builder.inputType('CreateOfferingUserInput', {
    fields: (t) => ({
      offeringUuid: t.field({ type: 'UUID', required: true }),
      userUuid: t.field({ type: 'UUID', required: true }),
      username: t.string({ description: 'Setting a username moves the new account straight to OK.', ...rules(maxLength(MAX_USERNAME)) }),
    }),
  }),
  success,
  resolve: async (input, ctx) => {
    const body: OfferingUserWrite = { offering_uuid: input.offeringUuid, user_uuid: input.userUuid };
    if (input.username != null) body.username = input.username;
    const offeringUser = await createOfferingUser(ctx.upstream, body);
    primeRows(ctx.upstream, OFFERING_USER_LIST, [offeringUser]);
    return { offeringUser };
  },
});

const UpdateInput = builder.inputType('UpdateOfferingUserInput', {
  description: 'PATCH semantics: only the fields given are sent. `username: null` clears the username.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    username: t.string(rules(maxLength(MAX_USERNAME))),
    offeringUuid: t.field({ type: 'UUID' }),
    userUuid: t.field({ type: 'UUID' }),
  }),
});
const ReplaceInput = builder.inputType('ReplaceOfferingUserInput', {
  description: 'PUT semantics: every writable field is sent; an omitted username is cleared.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    offeringUuid: t.field({ type: 'UUID', required: true }),
    userUuid: t.field({ type: 'UUID', required: true }),
    username: t.string(rules(maxLength(MAX_USERNAME))),
  }),
});

/** PATCH sends what is given (`username: null` clears it); PUT sends every writable field. */
patchAndPut<{ uuid: string; username?: string | null; offeringUuid?: string | null; userUuid?: string | null }, { offeringUser: OfferingUserDto }>({
  patch: {
    name: 'updateOfferingUser',
    input: UpdateInput,
    description: 'Changes some fields (PATCH). A new username during account creation moves the account to OK.',
  },
  put: { name: 'replaceOfferingUser', input: ReplaceInput, description: 'Replaces the writable fields (PUT).' },
  success,
  resolve: async (input, ctx, method) => {
    const body: OfferingUserWrite = {};
    if (input.username !== undefined || method === 'PUT') body.username = input.username ?? null;
    if (input.offeringUuid != null) body.offering_uuid = input.offeringUuid;
    if (input.userUuid != null) body.user_uuid = input.userUuid;
    if (Object.keys(body).length === 0)
      throw new ValidationError('Nothing to update: give at least one of username, offeringUuid, userUuid.', [], ['Nothing to update.']);
    return { offeringUser: await updateOfferingUser(ctx.upstream, input.uuid, body, method) };
  },
});

mutation('deleteOfferingUser', {
  description: 'Deletes the row (needs OFFERING.DELETE_USER). To deprovision an account, use requestOfferingUserDeletion instead.',
  input: uuidInput('DeleteOfferingUserInput'),
  success: { deletedUuid: 'UUID' },
  resolve: async (input, ctx) => {
    await deleteOfferingUser(ctx.upstream, input.uuid);
    return { deletedUuid: input.uuid };
  },
});

mutation('setOfferingUserRestricted', {
  description: 'Signals to the service whether the account is restricted (Waldur `update_restricted`).',
  input: builder.inputType('SetOfferingUserRestrictedInput', {
    fields: (t) => ({ uuid: t.field({ type: 'UUID', required: true }), isRestricted: t.boolean({ required: true }) }),
  }),
  success,
  resolve: async (input, ctx) => {
    await updateOfferingUserRestricted(ctx.upstream, input.uuid, input.isRestricted);
    return reread(ctx, input.uuid);
  },
});

mutation('updateOfferingUserComments', {
  description: "Sets the provider's comment and link shown to the user (not allowed once Deleted).",
  input: builder.inputType('UpdateOfferingUserCommentsInput', {
    description: 'An absent field keeps its value; null clears it.',
    fields: (t) => ({
      uuid: t.field({ type: 'UUID', required: true }),
      serviceProviderComment: t.string(),
      serviceProviderCommentUrl: t.field({ type: 'URL', ...rules(webUrl) }),
    }),
  }),
  success,
  resolve: async (input, ctx) => {
    const body: { service_provider_comment?: string; service_provider_comment_url?: string } = {};
    if (input.serviceProviderComment !== undefined) body.service_provider_comment = input.serviceProviderComment ?? '';
    const url = urlWire(input.serviceProviderCommentUrl);
    if (url !== undefined) body.service_provider_comment_url = url;
    await updateOfferingUserComments(ctx.upstream, input.uuid, body);
    return reread(ctx, input.uuid);
  },
});
