import type { Store, User } from './store.js';

export interface SimContext {
  store: Store;
  /** API root as clients reach it, e.g. http://127.0.0.1:8000/api/ */
  apiRoot: string;
  caller: User;
}

export const link = (ctx: SimContext, route: string, uuid: string) => `${ctx.apiRoot}${route}/${uuid}/`;
