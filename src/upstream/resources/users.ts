import { checkShape, type Shape } from '../shape.js';
import type { UpstreamSession } from '../session.js';

export interface CurrentUserDto {
  uuid: string;
  username: string;
  full_name?: string;
  email?: string;
  is_staff?: boolean;
  is_support?: boolean;
}

const SHAPE: Shape = {
  uuid: { type: 'string', required: true },
  username: { type: 'string', required: true },
  full_name: { type: 'string' },
  email: { type: 'string' },
  is_staff: { type: 'boolean' },
  is_support: { type: 'boolean' },
};

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
