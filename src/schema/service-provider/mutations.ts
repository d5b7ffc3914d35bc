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
import { OFFERING_USER_LIST, type OfferingUserDto } from '../../upstream/resources/offering-users.js';
import { listEvery } from '../../upstream/list-spec.js';
import { builder } from '../builder.js';
import { NotFoundError, ValidationError } from '../error-classes.js';
import { mutation, patchAndPut, uuidInput } from '../mutation.js';
import { OfferingUserRef } from '../offering-user/offering-user.js';
import { ServiceProviderRef } from './service-provider.js';
import { serviceProviderLoader } from './loaders.js';
import { image, notBlank, rules } from '../input-rules.js';

const success = { serviceProvider: ServiceProviderRef };
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

async function imageOf(file: File | null | undefined): Promise<ServiceProviderWrite['image']> {
  if (!file) return undefined;
  return { name: file.name || 'image', type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

mutation('createServiceProvider', {
  description: 'Registers a customer as a service provider (staff, or SERVICE_PROVIDER.REGISTER on the customer).',
  input: builder.inputType('CreateServiceProviderInput', {
    fields: (t) => ({
      customerUuid: t.field({ type: 'UUID', required: true, description: 'The organisation becoming a provider (one provider per customer).' }),
      description: t.string(),
      enableNotifications: t.boolean(),
      image: t.field({ type: 'File', description: 'Logo, sent as a GraphQL multipart upload.', ...rules(image(MAX_IMAGE_BYTES)) }),
    }),
  }),
  success,
  resolve: async (input, ctx) => ({
    serviceProvider: await createServiceProvider(ctx.upstream, {
      customerUuid: input.customerUuid,
      description: input.description ?? undefined,
      enableNotifications: input.enableNotifications ?? undefined,
      image: await imageOf(input.image),
    }),
  }),
});

const UpdateInput = builder.inputType('UpdateServiceProviderInput', {
  description: 'PATCH: only given fields change. The customer can never change.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    description: t.string(),
    enableNotifications: t.boolean(),
    image: t.field({ type: 'File', ...rules(image(MAX_IMAGE_BYTES)) }),
  }),
});
const ReplaceInput = builder.inputType('ReplaceServiceProviderInput', {
  description: 'PUT: every writable field. Waldur requires the (unchangeable) customer too.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    customerUuid: t.field({ type: 'UUID', required: true }),
    description: t.string({ required: true }),
    enableNotifications: t.boolean({ required: true }),
  }),
});

type WriteInput = { uuid: string; customerUuid?: string; description?: string | null; enableNotifications?: boolean | null; image?: File | null };

patchAndPut<WriteInput, { serviceProvider: ServiceProviderDto }>({
  patch: { name: 'updateServiceProvider', input: UpdateInput, description: 'Changes description, notifications or image (owner or staff).' },
  put: { name: 'replaceServiceProvider', input: ReplaceInput },
  success,
  resolve: async (input, ctx, method) => {
    const w: ServiceProviderWrite = {
      customerUuid: input.customerUuid,
      description: input.description ?? undefined,
      enableNotifications: input.enableNotifications ?? undefined,
      image: await imageOf(input.image),
    };
    if (w.description === undefined && w.enableNotifications === undefined && !w.image)
      throw new ValidationError('Nothing to update.', [], ['Nothing to update.']);
    return { serviceProvider: await updateServiceProvider(ctx.upstream, input.uuid, w, method) };
  },
});

mutation('deleteServiceProvider', {
  description: 'Refused while the provider has offerings that are not archived.',
  input: uuidInput('DeleteServiceProviderInput'),
  success: { deletedUuid: 'UUID' },
  resolve: async (input, ctx) => {
    await deleteServiceProvider(ctx.upstream, input.uuid);
    return { deletedUuid: input.uuid };
  },
});

const RoleInput = builder.inputType('ServiceProviderUserRoleInput', {
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true, description: 'The service provider.' }),
    userUuid: t.field({ type: 'UUID', required: true }),
    role: t.string({ required: true, description: 'Role name (e.g. SERVICE_PROVIDER.MANAGER) or role UUID.', ...rules(notBlank) }),
    expirationTime: t.field({ type: 'DateTime', description: 'Null or absent: permanent.' }),
  }),
});

const provider = { type: ServiceProviderRef, nullable: true } as const;

const ROLE_400 = " Waldur's 400 messages (role not found, already has the role, ...) come back as ValidationError.";
for (const [name, description, write] of [
  ['addServiceProviderUser', `Grants a role on the provider to a user.${ROLE_400}`, addUser],
  ['updateServiceProviderUser', `Changes a role's expiration time.${ROLE_400}`, updateUser],
  ['removeServiceProviderUser', 'Revokes a role on the provider.', deleteUser],
] as const) {
  const removes = write === deleteUser;
  mutation<{ uuid: string; userUuid: string; role: string; expirationTime?: Date | null }, Record<string, unknown>>(name, {
    description,
    input: RoleInput,
    success: removes ? { userUuid: 'UUID', serviceProvider: provider } : { expirationTime: { type: 'DateTime', nullable: true }, serviceProvider: provider },
    resolve: async (input, ctx) => {
      const expiration = removes ? {} : { expiration_time: input.expirationTime ? input.expirationTime.toISOString() : null };
      const res = await write(ctx.upstream, input.uuid, { user: input.userUuid, role: input.role, ...expiration });
      const serviceProvider = () => serviceProviderLoader(ctx).load(input.uuid);
      return removes ? { userUuid: input.userUuid, serviceProvider } : { expirationTime: res?.expiration_time ?? null, serviceProvider };
    },
  });
}

mutation('setServiceProviderOfferingsUsername', {
  description: "Creates or updates the user's accounts on every provider offering they use; a username moves them to OK.",
  input: builder.inputType('SetServiceProviderOfferingsUsernameInput', {
    fields: (f) => ({
      uuid: f.field({ type: 'UUID', required: true }),
      userUuid: f.field({ type: 'UUID', required: true }),
      username: f.string({ required: true, description: 'May be empty: accounts are created without a username.' }),
    }),
  }),
  success: { offeringUsers: { type: [OfferingUserRef], description: "The user's accounts on this provider's offerings, re-read." } },
  resolve: async (input, ctx) => {
    await setOfferingsUsername(ctx.upstream, input.uuid, { user_uuid: input.userUuid, username: input.username });
    const sp = await serviceProviderLoader(ctx).load(input.uuid);
    if (!sp) throw new NotFoundError('The service provider does not exist or you may not see it.');
    return {
      offeringUsers: await listEvery<OfferingUserDto>(ctx.upstream, OFFERING_USER_LIST, {
        values: { user_uuid: input.userUuid, provider_uuid: sp.customer_uuid },
      }),
    };
  },
});

mutation('generateServiceProviderApiSecretCode', {
  description: 'Replaces the API secret code (SERVICE_PROVIDER.GENERATE_API_SECRET_CODE). The code is never logged.',
  input: uuidInput('GenerateServiceProviderApiSecretCodeInput'),
  success: { apiSecretCode: 'String' },
  resolve: async (input, ctx) => ({ apiSecretCode: await generateApiSecretCode(ctx.upstream, input.uuid) }),
});

mutation('generateServiceProviderSiteAgentConfig', {
  description: 'A site-agent configuration for some of the provider’s offerings (SERVICE_PROVIDER.GET_API_SECRET_CODE).',
  input: builder.inputType('GenerateServiceProviderSiteAgentConfigInput', {
    fields: (f) => ({
      uuid: f.field({ type: 'UUID', required: true }),
      offeringUuids: f.field({ type: ['UUID'], required: true }),
      includePolicySettings: f.boolean(),
      waldurApiUrl: f.field({ type: 'URL' }),
      timezone: f.string(),
    }),
  }),
  success: { config: { type: 'String', description: 'YAML for waldur-site-agent.' } },
  resolve: async (input, ctx) => {
    if (input.offeringUuids.length === 0)
      throw new ValidationError('Give at least one offering.', [{ field: 'offeringUuids', messages: ['This list may not be empty.'] }]);
    const config = await generateSiteAgentConfig(ctx.upstream, input.uuid, {
      offering_uuids: input.offeringUuids,
      ...(input.includePolicySettings != null ? { include_policy_settings: input.includePolicySettings } : {}),
      ...(input.waldurApiUrl ? { waldur_api_url: input.waldurApiUrl.toString() } : {}),
      ...(input.timezone ? { timezone: input.timezone } : {}),
    });
    return { config };
  },
});
