import { consentRefusal } from '../../upstream/resources/consents.js';
import { builder } from '../builder.js';
import { errorOptions, type Recogniser } from '../errors.js';

export class NoTermsOfServiceError extends Error {
  override name = 'NoTermsOfServiceError';
}
export class AlreadyConsentedError extends Error {
  override name = 'AlreadyConsentedError';
}

builder.objectType(NoTermsOfServiceError, errorOptions(NoTermsOfServiceError, 'The offering has no active Terms of Service to consent to.'));
builder.objectType(AlreadyConsentedError, errorOptions(AlreadyConsentedError, 'The caller already consented to the current version.'));

/** Waldur refused a consent: the offering has no active Terms of Service. */
export const noTermsOfService: Recogniser = {
  type: NoTermsOfServiceError,
  recognise: (err) => {
    const r = consentRefusal(err);
    return r?.kind === 'noTermsOfService' ? new NoTermsOfServiceError(r.message) : undefined;
  },
};

/** Waldur refused a consent: the caller already consented to the current version. */
export const alreadyConsented: Recogniser = {
  type: AlreadyConsentedError,
  recognise: (err) => {
    const r = consentRefusal(err);
    return r?.kind === 'alreadyConsented' ? new AlreadyConsentedError(r.message) : undefined;
  },
};
