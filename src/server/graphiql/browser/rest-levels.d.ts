// Types of the panel's pure helpers (plain JS served to the browser as is), for the unit test.
import type { UpstreamCall } from '../../plugins/use-upstream-trace.js';

export interface CallGroup {
  key: string;
  route: string;
  method: string;
  /** The path with its UUIDs as `{uuid}`. */
  path: string;
  level: number;
  calls: UpstreamCall[];
  start: number;
  firstEnd: number;
  end: number;
}

export function routeOf(path: string): string;
export function queryText(query: UpstreamCall['query']): string;
export function levels(calls: readonly UpstreamCall[]): CallGroup[][];
