import {
  createOfferingUser,
  deleteOfferingUser,
  updateOfferingUser,
  updateOfferingUserComments,
  updateOfferingUserRestricted,
  type OfferingUserWrite,
} from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { ForbiddenError, NotFoundError, ValidationError, webUrl } from '../errors.js';
import { guarded } from './guarded.js';
import { offeringUserPayload, reread } from './offering-user-payload.js';

const FIELD_NAMES = { offering_uuid: 'offeringUuid', user_uuid: 'userUuid', offering: 'offeringUuid', user: 'userUuid' };
const WRITE_ERRORS = [NotFoundError, ForbiddenError, ValidationError];
const MAX_USERNAME = 100;

function checkUsername(username: string | null | undefined): void {
  if (username && username.length > MAX_USERNAME) {
    throw new ValidationError(`username: at most ${MAX_USERNAME} characters.`, [{ field: 'username', messages: [`Ensure this field has no more than ${MAX_USERNAME} characters.`] }]);
  }
}

const CreateInput = builder.inputType('CreateOfferingUserInput', {
  fields: (t) => ({
    offeringUuid: t.field({ type: 'UUID', required: true }),
    userUuid: t.field({ type: 'UUID', required: true }),
    username: t.string({ description: 'Setting a username moves the new account straight to OK.' }),
  }),
});

builder.mutationField('createOfferingUser', (t) =>
  t.field({
    type: offeringUserPayload('CreateOfferingUserSuccess'),
    description: 'Creates an offering user (needs OFFERING.CREATE_USER on the provider, and an offering that allows it).',
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'CreateOfferingUserResult' } },
    args: { input: t.arg({ type: CreateInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      guarded(FIELD_NAMES, async () => {
        checkUsername(input.username);
        const body: OfferingUserWrite = { offering_uuid: input.offeringUuid, user_uuid: input.userUuid };
        if (input.username != null) body.username = input.username;
        const offeringUser = await createOfferingUser(ctx.upstream, body);
        ctx.loaders.offeringUser.prime(offeringUser.uuid, offeringUser);
        return { offeringUser };
      }),
  }),
);

const UpdateInput = builder.inputType('UpdateOfferingUserInput', {
  description: 'PATCH semantics: only the fields given are sent. `username: null` clears the username.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    username: t.string(),
    offeringUuid: t.field({ type: 'UUID' }),
    userUuid: t.field({ type: 'UUID' }),
  }),
});

builder.mutationField('updateOfferingUser', (t) =>
  t.field({
    type: offeringUserPayload('UpdateOfferingUserSuccess'),
    description: 'Changes some fields (PATCH). A new username during account creation moves the account to OK.',
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'UpdateOfferingUserResult' } },
    args: { input: t.arg({ type: UpdateInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      guarded(FIELD_NAMES, async () => {
        checkUsername(input.username);
        const body: OfferingUserWrite = {};
        if (input.username !== undefined) body.username = input.username;
        if (input.offeringUuid != null) body.offering_uuid = input.offeringUuid;
        if (input.userUuid != null) body.user_uuid = input.userUuid;
        if (Object.keys(body).length === 0) {
          throw new ValidationError('Nothing to update: give at least one of username, offeringUuid, userUuid.', [], ['Nothing to update.']);
        }
        ctx.loaders.offeringUser.clear(input.uuid);
        const offeringUser = await updateOfferingUser(ctx.upstream, input.uuid, body, 'PATCH');
        return { offeringUser };
      }),
  }),
);

const ReplaceInput = builder.inputType('ReplaceOfferingUserInput', {
  description: 'PUT semantics: every writable field is sent; an omitted username is cleared.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    offeringUuid: t.field({ type: 'UUID', required: true }),
    userUuid: t.field({ type: 'UUID', required: true }),
    username: t.string(),
  }),
});

builder.mutationField('replaceOfferingUser', (t) =>
  t.field({
    type: offeringUserPayload('ReplaceOfferingUserSuccess'),
    description: 'Replaces the writable fields (PUT).',
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'ReplaceOfferingUserResult' } },
    args: { input: t.arg({ type: ReplaceInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      guarded(FIELD_NAMES, async () => {
        checkUsername(input.username);
        ctx.loaders.offeringUser.clear(input.uuid);
        const offeringUser = await updateOfferingUser(
          ctx.upstream,
          input.uuid,
          { offering_uuid: input.offeringUuid, user_uuid: input.userUuid, username: input.username ?? null },
          'PUT',
        );
        return { offeringUser };
      }),
  }),
);

const DeleteSuccess = builder.objectRef<{ deletedUuid: string }>('DeleteOfferingUserSuccess').implement({
  fields: (t) => ({ deletedUuid: t.field({ type: 'UUID', resolve: (p) => p.deletedUuid }) }),
});

builder.mutationField('deleteOfferingUser', (t) =>
  t.field({
    type: DeleteSuccess,
    description: 'Deletes the row (needs OFFERING.DELETE_USER). To deprovision an account, use requestOfferingUserDeletion instead.',
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'DeleteOfferingUserResult' } },
    args: { input: t.arg({ type: builder.inputType('DeleteOfferingUserInput', { fields: (f) => ({ uuid: f.field({ type: 'UUID', required: true }) }) }), required: true }) },
    resolve: (_root, { input }, ctx) =>
      guarded({}, async () => {
        await deleteOfferingUser(ctx.upstream, input.uuid);
        ctx.loaders.offeringUser.clear(input.uuid);
        return { deletedUuid: input.uuid };
      }),
  }),
);

const RestrictedInput = builder.inputType('SetOfferingUserRestrictedInput', {
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    isRestricted: t.boolean({ required: true }),
  }),
});

builder.mutationField('setOfferingUserRestricted', (t) =>
  t.field({
    type: offeringUserPayload('SetOfferingUserRestrictedSuccess'),
    description: 'Signals to the service whether the account is restricted (Waldur `update_restricted`).',
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'SetOfferingUserRestrictedResult' } },
    args: { input: t.arg({ type: RestrictedInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      guarded({ is_restricted: 'isRestricted' }, async () => {
        await updateOfferingUserRestricted(ctx.upstream, input.uuid, input.isRestricted);
        return reread(ctx, input.uuid);
      }),
  }),
);

const CommentsInput = builder.inputType('UpdateOfferingUserCommentsInput', {
  description: 'An absent field keeps its value; null clears it.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    serviceProviderComment: t.string(),
    serviceProviderCommentUrl: t.field({ type: 'URL' }),
  }),
});

builder.mutationField('updateOfferingUserComments', (t) =>
  t.field({
    type: offeringUserPayload('UpdateOfferingUserCommentsSuccess'),
    description: "Sets the provider's comment and link shown to the user (not allowed once Deleted).",
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'UpdateOfferingUserCommentsResult' } },
    args: { input: t.arg({ type: CommentsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      guarded({ service_provider_comment: 'serviceProviderComment', service_provider_comment_url: 'serviceProviderCommentUrl' }, async () => {
        const body: { service_provider_comment?: string; service_provider_comment_url?: string } = {};
        if (input.serviceProviderComment !== undefined) body.service_provider_comment = input.serviceProviderComment ?? '';
        const url = webUrl(input.serviceProviderCommentUrl, 'serviceProviderCommentUrl');
        if (url !== undefined) body.service_provider_comment_url = url;
        await updateOfferingUserComments(ctx.upstream, input.uuid, body);
        return reread(ctx, input.uuid);
      }),
  }),
);
