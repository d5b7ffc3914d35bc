import type { UpstreamSession } from '../session.js';

export interface CurrentUserDto {
  uuid: string;
  username: string;
  full_name?: string;
  email?: string;
  is_staff?: boolean;
  is_support?: boolean;
}

/** The authenticated caller (Waldur `GET /api/users/me/`). */
export async function getCurrentUser(s: UpstreamSession): Promise<CurrentUserDto> {
  return (await s.request<CurrentUserDto>({ method: 'GET', path: 'users/me/' })).data;
}
