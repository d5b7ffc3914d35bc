import { OFFERING_USER_ACTIONS, transitionOfferingUser } from '../../upstream/resources/offering-users.js';
import { TRANSITION_SOURCES } from '../../upstream/resources/offering-user-states.js';
import { builder } from '../builder.js';
import { InvalidTransitionError } from '../error-classes.js';
import { webUrl } from '../errors.js';
import { mutation, uuidInput } from '../mutation.js';
import { OfferingUserRef } from './offering-user.js';
import { TRANSITIONS } from './enums.js';
import { reread } from './mutations.js';

const TransitionInput = uuidInput('OfferingUserTransitionInput');

const PendingTransitionInput = builder.inputType('OfferingUserPendingTransitionInput', {
  description: 'A comment and link shown to the user while the account waits; an absent field keeps the old value, null clears it.',
  fields: (t) => ({ uuid: t.field({ type: 'UUID', required: true }), comment: t.string(), commentUrl: t.field({ type: 'URL' }) }),
});

for (const action of OFFERING_USER_ACTIONS) {
  const withComment = action === 'set_pending_account_linking' || action === 'set_pending_additional_validation';
  mutation<{ uuid: string; comment?: string | null; commentUrl?: URL | null }, { offeringUser: unknown }>(TRANSITIONS[action].mutation, {
    description: `${TRANSITIONS[action].description} Waldur action \`${action}\`; allowed from: ${TRANSITION_SOURCES[action].join(', ')}. Returns the re-read offering user.`,
    input: withComment ? PendingTransitionInput : TransitionInput,
    success: { offeringUser: OfferingUserRef },
    errors: [InvalidTransitionError],
    resolve: async (input, ctx) => {
      const body: { comment?: string; comment_url?: string } = {};
      if (withComment) {
        if (input.comment !== undefined) body.comment = input.comment ?? '';
        const url = webUrl(input.commentUrl, 'commentUrl');
        if (url !== undefined) body.comment_url = url;
      }
      await transitionOfferingUser(ctx.upstream, input.uuid, action, body);
      return reread(ctx, input.uuid);
    },
  });
}
