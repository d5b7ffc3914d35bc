import { UpstreamValidationError } from '../../upstream/errors.js';
import { createConsent, deleteConsent, listConsents, revokeConsent, updateConsent, type ConsentDto } from '../../upstream/resources/consents.js';
import { builder } from '../builder.js';
import { ErrorInterface, ForbiddenError, NotFoundError, toMutationError, ValidationError } from '../errors.js';
import { ConsentRef } from '../types/consent.js';
import { guarded } from './guarded.js';

export class NoTermsOfServiceError extends Error {
  override name = 'NoTermsOfServiceError';
}
export class AlreadyConsentedError extends Error {
  override name = 'AlreadyConsentedError';
}

builder.objectType(NoTermsOfServiceError, {
  name: 'NoTermsOfServiceError',
  description: 'The offering has no active Terms of Service to consent to.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof NoTermsOfServiceError,
});
builder.objectType(AlreadyConsentedError, {
  name: 'AlreadyConsentedError',
  description: 'The caller already consented to the current version.',
  interfaces: [ErrorInterface],
  isTypeOf: (o) => o instanceof AlreadyConsentedError,
});

const ERRORS = [NotFoundError, ForbiddenError, ValidationError];
const FIELDS = { offering: 'offeringUuid' };

/** Waldur's two consent-specific 400s become their own error types. */
function consentError(err: unknown): Error {
  if (err instanceof UpstreamValidationError) {
    const msgs = err.details.nonFieldErrors.join(' ');
    if (/does not have (active )?Terms of Service/i.test(msgs)) return new NoTermsOfServiceError(msgs);
    if (/already consented/i.test(msgs)) return new AlreadyConsentedError(msgs);
  }
  return toMutationError(err, FIELDS);
}

const payload = (name: string) =>
  builder.objectRef<{ consent: ConsentDto }>(name).implement({ fields: (t) => ({ consent: t.field({ type: ConsentRef, resolve: (p) => p.consent }) }) });

builder.mutationField('createConsent', (t) =>
  t.field({
    type: payload('CreateConsentSuccess'),
    description: "Records the caller's consent to the offering's active Terms of Service (or re-consents after a version change). Only ever for the caller.",
    errors: { types: [...ERRORS, NoTermsOfServiceError, AlreadyConsentedError], directResult: true, union: { name: 'CreateConsentResult' } },
    args: { input: t.arg({ type: builder.inputType('CreateConsentInput', { fields: (f) => ({ offeringUuid: f.field({ type: 'UUID', required: true }) }) }), required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(consentError, async () => {
        // Start reading who the caller is while Waldur records the consent.
        const me = ctx.loaders.me();
        me.catch(() => undefined);
        await createConsent(ctx.upstream, input.offeringUuid);
        // Waldur answers 201 with only {"offering"}: re-read the caller's row.
        const { uuid } = await me;
        const page = await listConsents(ctx.upstream, { offeringUuid: input.offeringUuid, userUuid: uuid }, 0, 1);
        const consent = page.items[0];
        if (!consent) throw new NotFoundError('The consent was recorded but could not be read back.');
        return { consent };
      }),
  }),
);

const VersionInput = builder.inputType('UpdateConsentInput', { fields: (f) => ({ uuid: f.field({ type: 'UUID', required: true }), version: f.string({ required: true }) }) });

/** Both write the consent's only writable field; they differ in the HTTP method Waldur sees. */
for (const [field, method, description] of [
  ['updateConsent', 'PATCH', 'Sets the recorded Terms of Service version (PATCH).'],
  ['replaceConsent', 'PUT', 'Replaces the consent\'s writable fields (PUT); `version` is the only one, so it is required.'],
] as const) {
  const name = `${field[0]!.toUpperCase()}${field.slice(1)}`;
  builder.mutationField(field, (t) =>
    t.field({
      type: payload(`${name}Success`),
      description,
      errors: { types: ERRORS, directResult: true, union: { name: `${name}Result` } },
      args: { input: t.arg({ type: VersionInput, required: true }) },
      resolve: (_r, { input }, ctx) =>
        guarded(consentError, async () => {
          if (input.version.length > 50) throw new ValidationError('version: at most 50 characters.', [{ field: 'version', messages: ['Ensure this field has no more than 50 characters.'] }]);
          return { consent: await updateConsent(ctx.upstream, input.uuid, input.version, method) };
        }),
    }),
  );
}

const uuidInput = (name: string) => builder.inputType(name, { fields: (f) => ({ uuid: f.field({ type: 'UUID', required: true }) }) });

builder.mutationField('deleteConsent', (t) =>
  t.field({
    type: builder.objectRef<{ deletedUuid: string }>('DeleteConsentSuccess').implement({ fields: (f) => ({ deletedUuid: f.field({ type: 'UUID', resolve: (p) => p.deletedUuid }) }) }),
    description: 'Deletes the consent row. To withdraw consent and keep the record, use revokeConsent.',
    errors: { types: ERRORS, directResult: true, union: { name: 'DeleteConsentResult' } },
    args: { input: t.arg({ type: uuidInput('DeleteConsentInput'), required: true }) },
    resolve: (_r, { input }, ctx) =>
      guarded(consentError, async () => {
        await deleteConsent(ctx.upstream, input.uuid);
        return { deletedUuid: input.uuid };
      }),
  }),
);

builder.mutationField('revokeConsent', (t) =>
  t.field({
    type: payload('RevokeConsentSuccess'),
    description: 'Withdraws consent. Revoking again is allowed and moves the revocation date.',
    errors: { types: ERRORS, directResult: true, union: { name: 'RevokeConsentResult' } },
    args: { input: t.arg({ type: uuidInput('RevokeConsentInput'), required: true }) },
    resolve: (_r, { input }, ctx) => guarded(consentError, async () => ({ consent: await revokeConsent(ctx.upstream, input.uuid) })),
  }),
);
