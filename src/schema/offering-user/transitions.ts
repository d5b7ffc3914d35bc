import { OFFERING_USER_TRANSITIONS, transitionOfferingUser } from '../../upstream/resources/offering-users.js';
import { builder } from '../builder.js';
import { wrongState } from './errors.js';
import { urlWire } from '../errors.js';
import { rules, webUrl } from '../input-rules.js';
import { mutation, uuidInput } from '../mutation.js';
import { OfferingUserRef } from './offering-user.js';
import { TRANSITION_NAMES } from './enums.js';
import { reread } from './mutations.js';

const TransitionInput = uuidInput('OfferingUserTransitionInput');

const PendingTransitionInput = builder.inputType('OfferingUserPendingTransitionInput', {
  description: 'A comment and link shown to the user while the account waits; an absent field keeps the old value, null clears it.',
  fields: (t) => ({ uuid: t.field({ type: 'UUID', required: true }), comment: t.string(), commentUrl: t.field({ type: 'URL', ...rules(webUrl) }) }),
});

for (const transition of OFFERING_USER_TRANSITIONS) {
  const { action, sources, takesComment } = transition;
  const names = TRANSITION_NAMES[action];
  mutation<{ uuid: string; comment?: string | null; commentUrl?: URL | null }, { offeringUser: unknown }>(names.mutation, {
    description: `${names.description} Waldur action \`${action}\`; allowed from: ${sources.join(', ')}. Returns the re-read offering user.`,
    input: takesComment ? PendingTransitionInput : TransitionInput,
    success: { offeringUser: OfferingUserRef },
    errors: [wrongState],
    resolve: async (input, ctx) => {
      const body: { comment?: string; comment_url?: string } = {};
      if (takesComment) {
        if (input.comment !== undefined) body.comment = input.comment ?? '';
        const url = urlWire(input.commentUrl);
        if (url !== undefined) body.comment_url = url;
      }
      await transitionOfferingUser(ctx.upstream, input.uuid, transition, body);
      return reread(ctx, input.uuid);
    },
  });
}
