import { transitionOfferingUser, type OfferingUserAction } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError, webUrl } from '../errors.js';
import { TRANSITION_SOURCES } from '../../upstream/resources/offering-user-states.js';
import { TRANSITIONS } from '../types/offering-user-enums.js';
import { guarded } from './guarded.js';
import { offeringUserPayload, reread } from './offering-user-payload.js';

const TransitionInput = builder.inputType('OfferingUserTransitionInput', {
  fields: (t) => ({ uuid: t.field({ type: 'UUID', required: true }) }),
});

const PendingTransitionInput = builder.inputType('OfferingUserPendingTransitionInput', {
  description: 'A comment and link shown to the user while the account waits; an absent field keeps the old value, null clears it.',
  fields: (t) => ({
    uuid: t.field({ type: 'UUID', required: true }),
    comment: t.string(),
    commentUrl: t.field({ type: 'URL' }),
  }),
});

const MUTATIONS: Array<[string, OfferingUserAction]> = [
  ['beginCreatingOfferingUser', 'begin_creating'],
  ['setOfferingUserPendingAccountLinking', 'set_pending_account_linking'],
  ['setOfferingUserPendingAdditionalValidation', 'set_pending_additional_validation'],
  ['setOfferingUserValidationComplete', 'set_validation_complete'],
  ['setOfferingUserOk', 'set_ok'],
  ['setOfferingUserErrorCreating', 'set_error_creating'],
  ['setOfferingUserErrorDeleting', 'set_error_deleting'],
  ['requestOfferingUserDeletion', 'request_deletion'],
  ['setOfferingUserDeleting', 'set_deleting'],
  ['setOfferingUserDeleted', 'set_deleted'],
];

const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);

for (const [field, action] of MUTATIONS) {
  const withComment = action === 'set_pending_account_linking' || action === 'set_pending_additional_validation';
  const Success = offeringUserPayload(`${pascal(field)}Success`);
  const sources = TRANSITION_SOURCES[action].join(', ');
  builder.mutationField(field, (t) =>
    t.field({
      type: Success,
      description: `${TRANSITIONS[action].description} Waldur action \`${action}\`; allowed from: ${sources}. Returns the re-read offering user.`,
      errors: {
        types: [NotFoundError, ForbiddenError, InvalidTransitionError, ValidationError],
        directResult: true,
        union: { name: `${pascal(field)}Result` },
      },
      args: { input: t.arg({ type: withComment ? PendingTransitionInput : TransitionInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        guarded({ comment_url: 'commentUrl' }, async () => {
          const i = input as { uuid: string; comment?: string | null; commentUrl?: URL | null };
          const body: { comment?: string; comment_url?: string } = {};
          if (withComment) {
            if (i.comment !== undefined) body.comment = i.comment ?? '';
            const url = webUrl(i.commentUrl, 'commentUrl');
            if (url !== undefined) body.comment_url = url;
          }
          await transitionOfferingUser(ctx.upstream, i.uuid, action, body);
          return reread(ctx, i.uuid);
        }),
    }),
  );
}
