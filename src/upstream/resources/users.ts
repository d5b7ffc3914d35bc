import { z } from 'zod';
import { rowShape } from '../row.js';
import { checkShape } from '../shape.js';
import type { UpstreamSession } from '../session.js';

/** `GET users/me/` as the gateway reads it (Waldur sends more). */
const CurrentUserRow = z.object({
  uuid: z.string(),
  username: z.string(),
  full_name: z.string().optional(),
  email: z.string().optional(),
  is_staff: z.boolean().optional(),
  is_support: z.boolean().optional(),
});
export type CurrentUserDto = z.infer<typeof CurrentUserRow>;

const SHAPE = rowShape(CurrentUserRow, ['uuid', 'username']);

/** The authenticated caller (Waldur `GET /api/users/me/`); one read per operation (the session dedupes it). */
export async function getCurrentUser(s: UpstreamSession): Promise<CurrentUserDto> {
  const me = checkShape<CurrentUserDto>((await s.request<CurrentUserDto>({ method: 'GET', path: 'users/me/' })).data, SHAPE, 'users_me_retrieve');
  s.rememberIdentity(me.uuid);
  return me;
}

/** The caller's user UUID: remembered per credential for a minute, else read from `users/me/`. */
export async function currentUserUuid(s: UpstreamSession): Promise<string> {
  return s.knownIdentity() ?? (await getCurrentUser(s)).uuid;
}
