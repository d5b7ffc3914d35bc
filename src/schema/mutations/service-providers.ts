import {
  addUser,
  createServiceProvider,
  deleteServiceProvider,
  deleteUser,
  generateApiSecretCode,
  generateSiteAgentConfig,
  setOfferingsUsername,
  updateServiceProvider,
  updateUser,
  type ServiceProviderDto,
  type ServiceProviderWrite,
} from '../../upstream/resources/service-providers.js';
import { listAllOfferingUsers, type OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { OfferingUserRef } from '../types/offering-user.js';
import { ServiceProviderRef } from '../types/service-provider.js';
import { guarded } from './guarded.js';

const ERRORS = [NotFoundError, ForbiddenError, ValidationError];
const FIELDS = { customer: 'customerUuid', user: 'userUuid', user_uuid: 'userUuid', expiration_time: 'expirationTime', enable_notifications: 'enableNotifications', offering_uuids: 'offeringUuids', waldur_api_url: 'waldurApiUrl' };
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const providerPayload = (name: string) =>
  builder.objectRef<{ serviceProvider: ServiceProviderDto }>(name).implement({
    fields: (t) => ({ serviceProvider: t.field({ type: ServiceProviderRef, resolve: (p) => p.serviceProvider }) }),
  });

async function imageOf(file: File | null | undefined): Promise<ServiceProviderWrite['image']> {
  if (!file) return undefined;
  if (file.size > MAX_IMAGE_BYTES) throw new ValidationError(`image: at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`, [{ field: 'image', messages: ['The image is too large.'] }]);
  if (file.type && !file.type.startsWith('image/')) throw new ValidationError('image: not an image.', [{ field: 'image', messages: [`Expected an image, got ${file.type}.`] }]);
  return { name: file.name || 'image', type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const CreateInput = builder.inputType('CreateServiceProviderInput', {
  fields: (t) => ({
    customerUuid: t.field({ type: 'UUID', required: true, description: 'The organisation becoming a provider (one provider per customer).' }),
    description: t.string(),
    enableNotifications: t.boolean(),
    image: t.field({ type: 'File', description: 'Logo, sent as a GraphQL multipart upload.' }),
  }),
});

builder.mutationField('createServiceProvider', (t) =>
  t.field({
    type: providerPayload('CreateServiceProviderSuccess'),
    description: 'Registers a customer as a service provider (staff, or SERVICE_PROVIDER.REGISTER on the customer).',
    errors: { types: ERRORS, directResult: true, union: { name: 'CreateServiceProviderResult' } },
    args: { input: t.arg({ type: CreateInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => ({
        serviceProvider: await createServiceProvider(ctx.upstream, {
          customerUuid: input.customerUuid,
          description: input.description ?? undefined,
          enableNotifications: input.enableNotifications ?? undefined,
          image: await imageOf(input.image),
        }),
      })),
  }),
);

const UpdateInput = builder.inputType('UpdateServiceProviderInput', {
  description: 'PATCH: only given fields change. The customer can never change.',
  fields: (t) => ({ uuid: t.field({ type: 'UUID', required: true }), description: t.string(), enableNotifications: t.boolean(), image: t.field({ type: 'File' }) }),
});

builder.mutationField('updateServiceProvider', (t) =>
  t.field({
    type: providerPayload('UpdateServiceProviderSuccess'),
    description: 'Changes description, notifications or image (owner or staff).',
    errors: { types: ERRORS, directResult: true, union: { name: 'UpdateServiceProviderResult' } },
    args: { input: t.arg({ type: UpdateInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => {
        const w: ServiceProviderWrite = { description: input.description ?? undefined, enableNotifications: input.enableNotifications ?? undefined, image: await imageOf(input.image) };
        if (w.description === undefined && w.enableNotifications === undefined && !w.image) throw new ValidationError('Nothing to update.', [], ['Nothing to update.']);
        ctx.loaders.serviceProvider.clear(input.uuid);
        return { serviceProvider: await updateServiceProvider(ctx.upstream, input.uuid, w, 'PATCH') };
      }),
  }),
);

const ReplaceInput = builder.inputType('ReplaceServiceProviderInput', {
  description: 'PUT: every writable field. Waldur requires the (unchangeable) customer too.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    customerUuid: t.field({ type: 'UUID', required: true }),
    description: t.string({ required: true }),
    enableNotifications: t.boolean({ required: true }),
  }),
});

builder.mutationField('replaceServiceProvider', (t) =>
  t.field({
    type: providerPayload('ReplaceServiceProviderSuccess'),
    errors: { types: ERRORS, directResult: true, union: { name: 'ReplaceServiceProviderResult' } },
    args: { input: t.arg({ type: ReplaceInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => {
        ctx.loaders.serviceProvider.clear(input.uuid);
        return { serviceProvider: await updateServiceProvider(ctx.upstream, input.uuid, { customerUuid: input.customerUuid, description: input.description, enableNotifications: input.enableNotifications }, 'PUT') };
      }),
  }),
);

const uuidInput = (name: string) => builder.inputType(name, { fields: (f) => ({ uuid: f.field({ type: 'UUID', required: true }) }) });

builder.mutationField('deleteServiceProvider', (t) =>
  t.field({
    type: builder.objectRef<{ deletedUuid: string }>('DeleteServiceProviderSuccess').implement({ fields: (f) => ({ deletedUuid: f.field({ type: 'UUID', resolve: (p) => p.deletedUuid }) }) }),
    description: 'Refused while the provider has offerings that are not archived.',
    errors: { types: ERRORS, directResult: true, union: { name: 'DeleteServiceProviderResult' } },
    args: { input: t.arg({ type: uuidInput('DeleteServiceProviderInput'), required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => {
        await deleteServiceProvider(ctx.upstream, input.uuid);
        return { deletedUuid: input.uuid };
      }),
  }),
);

const RoleInput = builder.inputType('ServiceProviderUserRoleInput', {
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true, description: 'The service provider.' }),
    userUuid: t.field({ type: 'UUID', required: true }),
    role: t.string({ required: true, description: 'Role name (e.g. SERVICE_PROVIDER.MANAGER) or role UUID.' }),
    expirationTime: t.field({ type: 'DateTime', description: 'Null or absent: permanent.' }),
  }),
});

const RoleSuccess = (name: string) =>
  builder.objectRef<{ expirationTime: string | null; providerUuid: string }>(name).implement({
    fields: (t) => ({
      expirationTime: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.expirationTime }),
      serviceProvider: t.field({ type: ServiceProviderRef, nullable: true, resolve: (p, _a, ctx) => ctx.loaders.serviceProvider.load(p.providerUuid) }),
    }),
  });

for (const [field, run, status] of [
  ['addServiceProviderUser', addUser, 'Grants a role on the provider to a user.'],
  ['updateServiceProviderUser', updateUser, "Changes a role's expiration time."],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: RoleSuccess(`${pascal(field)}Success`),
      description: `${status} Waldur's 400 messages (role not found, already has the role, ...) come back as ValidationError.`,
      errors: { types: ERRORS, directResult: true, union: { name: `${pascal(field)}Result` } },
      args: { input: t.arg({ type: RoleInput, required: true }) },
      resolve: (_r, { input }, ctx) =>
        guarded(FIELDS, async () => {
          if (!input.role.trim()) throw new ValidationError('role: This field may not be blank.', [{ field: 'role', messages: ['This field may not be blank.'] }]);
          const res = await run(ctx.upstream, input.uuid, { user: input.userUuid, role: input.role, expiration_time: input.expirationTime ? input.expirationTime.toISOString() : null });
          return { expirationTime: res?.expiration_time ?? null, providerUuid: input.uuid };
        }),
    }),
  );
}

builder.mutationField('removeServiceProviderUser', (t) =>
  t.field({
    type: builder.objectRef<{ providerUuid: string; userUuid: string }>('RemoveServiceProviderUserSuccess').implement({
      fields: (f) => ({
        userUuid: f.field({ type: 'UUID', resolve: (p) => p.userUuid }),
        serviceProvider: f.field({ type: ServiceProviderRef, nullable: true, resolve: (p, _a, ctx) => ctx.loaders.serviceProvider.load(p.providerUuid) }),
      }),
    }),
    description: 'Revokes a role on the provider.',
    errors: { types: ERRORS, directResult: true, union: { name: 'RemoveServiceProviderUserResult' } },
    args: { input: t.arg({ type: RoleInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => {
        if (!input.role.trim()) throw new ValidationError('role: This field may not be blank.', [{ field: 'role', messages: ['This field may not be blank.'] }]);
        await deleteUser(ctx.upstream, input.uuid, { user: input.userUuid, role: input.role });
        return { providerUuid: input.uuid, userUuid: input.userUuid };
      }),
  }),
);

builder.mutationField('setServiceProviderOfferingsUsername', (t) =>
  t.field({
    type: builder.objectRef<{ offeringUsers: OfferingUserDto[] }>('SetServiceProviderOfferingsUsernameSuccess').implement({
      fields: (f) => ({ offeringUsers: f.field({ type: [OfferingUserRef], description: "The user's accounts on this provider's offerings, re-read.", resolve: (p) => p.offeringUsers }) }),
    }),
    description: "Creates or updates the user's accounts on every provider offering they use; a username moves them to OK.",
    errors: { types: ERRORS, directResult: true, union: { name: 'SetServiceProviderOfferingsUsernameResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('SetServiceProviderOfferingsUsernameInput', {
          fields: (f) => ({ uuid: f.field({ type: 'UUID', required: true }), userUuid: f.field({ type: 'UUID', required: true }), username: f.string({ required: true, description: 'May be empty: accounts are created without a username.' }) }),
        }),
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => {
        await setOfferingsUsername(ctx.upstream, input.uuid, { user_uuid: input.userUuid, username: input.username });
        const sp = await ctx.loaders.serviceProvider.load(input.uuid);
        if (!sp) throw new NotFoundError('The service provider does not exist or you may not see it.');
        return { offeringUsers: await listAllOfferingUsers(ctx.upstream, { userUuid: input.userUuid, providerUuid: sp.customer_uuid }) };
      }),
  }),
);

builder.mutationField('generateServiceProviderApiSecretCode', (t) =>
  t.field({
    type: builder.objectRef<{ apiSecretCode: string }>('GenerateServiceProviderApiSecretCodeSuccess').implement({ fields: (f) => ({ apiSecretCode: f.exposeString('apiSecretCode') }) }),
    description: 'Replaces the API secret code (SERVICE_PROVIDER.GENERATE_API_SECRET_CODE). The code is never logged.',
    errors: { types: ERRORS, directResult: true, union: { name: 'GenerateServiceProviderApiSecretCodeResult' } },
    args: { input: t.arg({ type: uuidInput('GenerateServiceProviderApiSecretCodeInput'), required: true }) },
    resolve: (_r, { input }, ctx) => guarded(FIELDS, async () => ({ apiSecretCode: await generateApiSecretCode(ctx.upstream, input.uuid) })),
  }),
);

builder.mutationField('generateServiceProviderSiteAgentConfig', (t) =>
  t.field({
    type: builder.objectRef<{ config: string }>('GenerateServiceProviderSiteAgentConfigSuccess').implement({ fields: (f) => ({ config: f.exposeString('config', { description: 'YAML for waldur-site-agent.' }) }) }),
    description: 'A site-agent configuration for some of the provider’s offerings (SERVICE_PROVIDER.GET_API_SECRET_CODE).',
    errors: { types: ERRORS, directResult: true, union: { name: 'GenerateServiceProviderSiteAgentConfigResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('GenerateServiceProviderSiteAgentConfigInput', {
          fields: (f) => ({
            uuid: f.field({ type: 'UUID', required: true }),
            offeringUuids: f.field({ type: ['UUID'], required: true }),
            includePolicySettings: f.boolean(),
            waldurApiUrl: f.field({ type: 'URL' }),
            timezone: f.string(),
          }),
        }),
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) =>
      guarded(FIELDS, async () => {
        if (input.offeringUuids.length === 0) throw new ValidationError('Give at least one offering.', [{ field: 'offeringUuids', messages: ['This list may not be empty.'] }]);
        const config = await generateSiteAgentConfig(ctx.upstream, input.uuid, {
          offering_uuids: input.offeringUuids,
          ...(input.includePolicySettings != null ? { include_policy_settings: input.includePolicySettings } : {}),
          ...(input.waldurApiUrl ? { waldur_api_url: input.waldurApiUrl.toString() } : {}),
          ...(input.timezone ? { timezone: input.timezone } : {}),
        });
        return { config };
      }),
  }),
);
