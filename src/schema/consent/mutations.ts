import { CONSENT_LIST, createConsent, deleteConsent, revokeConsent, updateConsent, type ConsentDto } from '../../upstream/resources/consents.js';
import { listPage } from '../../upstream/list-spec.js';
import { builder } from '../builder.js';
import { NotFoundError } from '../error-classes.js';
import { alreadyConsented, noTermsOfService } from './errors.js';
import { mutation, patchAndPut, uuidInput } from '../mutation.js';
import { ConsentRef } from './consent.js';
import { getCurrentUser } from '../../upstream/resources/users.js';
import { maxLength, rules } from '../input-rules.js';

const success = { consent: ConsentRef };

mutation('createConsent', {
  description: "Records the caller's consent to the offering's active Terms of Service (or re-consents after a version change). Only ever for the caller.",
  input: builder.inputType('CreateConsentInput', { fields: (f) => ({ offeringUuid: f.field({ type: 'UUID', required: true }) }) }),
  success,
  errors: [noTermsOfService, alreadyConsented],
  resolve: async (input, ctx) => {
    // Start reading who the caller is while Waldur records the consent.
    const me = getCurrentUser(ctx.upstream);
    me.catch(() => undefined);
    await createConsent(ctx.upstream, input.offeringUuid);
    // Waldur answers 201 with only {"offering"}: re-read the caller's row.
    const { uuid } = await me;
    const page = await listPage<ConsentDto>(ctx.upstream, CONSENT_LIST, { values: { offering_uuid: input.offeringUuid, user_uuid: uuid } }, 0, 1);
    const consent = page.items[0];
    if (!consent) throw new NotFoundError('The consent was recorded but could not be read back.');
    return { consent };
  },
});

const VersionInput = builder.inputType('UpdateConsentInput', {
  fields: (f) => ({ uuid: f.field({ type: 'UUID', required: true }), version: f.string({ required: true, ...rules(maxLength(50)) }) }),
});

/** Both write the consent's only writable field; they differ in the HTTP method Waldur sees. */
patchAndPut<{ uuid: string; version: string }, { consent: ConsentDto }>({
  patch: { name: 'updateConsent', input: VersionInput, description: 'Sets the recorded Terms of Service version (PATCH).' },
  put: {
    name: 'replaceConsent',
    input: VersionInput,
    description: "Replaces the consent's writable fields (PUT); `version` is the only one, so it is required.",
  },
  success,
  resolve: async (input, ctx, method) => {
    return { consent: await updateConsent(ctx.upstream, input.uuid, input.version, method) };
  },
});

mutation('deleteConsent', {
  description: 'Deletes the consent row. To withdraw consent and keep the record, use revokeConsent.',
  input: uuidInput('DeleteConsentInput'),
  success: { deletedUuid: 'UUID' },
  resolve: async (input, ctx) => {
    await deleteConsent(ctx.upstream, input.uuid);
    return { deletedUuid: input.uuid };
  },
});

mutation('revokeConsent', {
  description: 'Withdraws consent. Revoking again is allowed and moves the revocation date.',
  input: uuidInput('RevokeConsentInput'),
  success,
  resolve: async (input, ctx) => ({ consent: await revokeConsent(ctx.upstream, input.uuid) }),
});
