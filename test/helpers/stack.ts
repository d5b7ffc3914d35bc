import { OFFERING_PAGE_FROM } from '../../src/schema/consent/consent-by-pair.js';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { createGateway } from '../../src/server/create-gateway.js';
import { listen, type RunningServer } from '../../src/server/http-server.js';
import { createMetrics } from '../../src/server/metrics.js';
import { DEMO_TOKENS } from 'waldur-simulator/seed';
import { startSimulator, type LoggedRequest, type Simulator, type SimulatorOptions } from 'waldur-simulator/server';
import { UpstreamClient } from '../../src/upstream/client.js';
import { SimulatorTransport } from './in-process.js';
import { ContractChecker, findSchema, formatViolation, type Violation } from '../contract/openapi-contract.js';

export { DEMO_TOKENS };
export type TokenName = keyof typeof DEMO_TOKENS;

/**
 * A GraphQL answer as tests read it, without `any`: every path may be read (a wrong one fails the
 * assertion that reads it), arrays have their methods, and a leaf compares with strings and
 * numbers. A test that wants exact types passes its own `T` to `gql<T>`.
 */
export type Json = { readonly [key: string]: Json } & readonly Json[] & string;

export interface GqlResult<T = Json> {
  status: number;
  data: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  /** REST calls the gateway made for this operation (from the x-upstream-requests header). */
  upstreamCount: number;
}

export interface Stack {
  sim: Simulator;
  gateway: RunningServer;
  client: UpstreamClient;
  gql<T = Json>(query: string, variables?: Record<string, unknown>, as?: TokenName | null, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** Departures from Waldur's OpenAPI schema since the last call, by the gateway or the simulator. */
  takeViolations(): Violation[];
  /** Simulator requests logged since the last clearLog(), without the readiness probe. */
  upstream(): LoggedRequest[];
  close(): Promise<void>;
  feed: LiveFeed | undefined;
  lifecycle: { draining: boolean; endStreams?: () => void };
}

import { MemoryBus } from '../../src/live/bus.js';
import { LiveFeed, type LiveOptions } from '../../src/live/feed.js';

let checker: Promise<ContractChecker> | undefined;

/**
 * Simulator + gateway over real loopback HTTP, as a client and Waldur would see them. Every REST
 * exchange is checked against Waldur's OpenAPI schema (test/contract); a violation fails the test
 * that caused it (useStack checks after each test, close() checks the rest). Exchanges a test
 * scripted as faults are not Waldur's behaviour and are not checked.
 */
export async function startStack(
  opts: SimulatorOptions & {
    upstreamTimeoutMs?: number;
    gateway?: Partial<Parameters<typeof createGateway>[0]>;
    client?: Partial<ConstructorParameters<typeof UpstreamClient>[0]>;
    /**
     * No socket between test, gateway and simulator: `gql()` goes through `yoga.fetch`, and the
     * gateway's REST calls into the simulator's handler (SimulatorTransport). For suites about what
     * the gateway answers; those about the wire (timeouts, bodies, faults) keep real HTTP.
     */
    inProcess?: boolean;
    /** Serve subscriptions from an in-process live feed with these settings. */
    live?: Partial<Omit<LiveOptions, 'client' | 'bus'>> & { heartbeatMs?: number; retentionMs?: number; retentionEvents?: number };
  } = {},
): Promise<Stack> {
  const contract = findSchema() ? await (checker ??= ContractChecker.load()) : undefined;
  let violations: Violation[] = [];
  const sim = await startSimulator({ size: 300, ...opts, onExchange: (x) => contract && violations.push(...contract.check(x)) });
  const logger = createLogger('silent');
  const metrics = createMetrics();
  const client = new UpstreamClient(
    {
      onRequestDone: metrics.onUpstreamRequest,
      apiUrl: sim.apiRoot,
      connectTimeoutMs: 2_000,
      headersTimeoutMs: opts.upstreamTimeoutMs ?? 10_000,
      bodyTimeoutMs: opts.upstreamTimeoutMs ?? 10_000,
      connections: 16,
      maxConcurrencyPerOperation: 8,
      maxRequestsPerOperation: 200,
      logger,
      ...opts.client,
    },
    opts.inProcess ? new SimulatorTransport(sim) : undefined,
  );
  const feed = opts.live
    ? new LiveFeed({
        client,
        bus: new MemoryBus({ retentionMs: opts.live.retentionMs ?? 600_000, retentionEvents: opts.live.retentionEvents ?? 10_000 }),
        pollIntervalMs: 200,
        reconcileMs: 60_000,
        maxPerCaller: 20,
        maxSubscriptions: 10_000,
        subscriberBuffer: 256,
        metrics: metrics.live,
        ...opts.live,
      })
    : undefined;
  const lifecycle: { draining: boolean; endStreams?: () => void } = { draining: false };
  const yoga = createGateway({
    client,
    logger,
    graphiql: true,
    introspection: true,
    metrics,
    metricsPath: '/metrics',
    jit: process.env.GRAPHQL_JIT !== 'false',
    lifecycle,
    ...(feed ? { live: { feed, heartbeatMs: opts.live?.heartbeatMs ?? 15_000 } } : {}),
    ...opts.gateway,
  });
  const gateway = await listen(yoga, 0, '127.0.0.1');
  return {
    sim,
    gateway,
    client,
    async gql<T = Json>(
      query: string,
      variables?: Record<string, unknown>,
      as: TokenName | null = 'owner',
      headers: Record<string, string> = {},
    ): Promise<GqlResult<T>> {
      const res = await (opts.inProcess ? (url: string, init: RequestInit) => yoga.fetch(url, init) : fetch)(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(as ? { authorization: `Token ${DEMO_TOKENS[as]}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: T; errors?: GqlResult['errors'] };
      return { status: res.status, data: body.data, errors: body.errors, upstreamCount: Number(res.headers.get('x-upstream-requests') ?? 'NaN') };
    },
    upstream: () => sim.requests.filter((r) => r.path !== '/api/'),
    takeViolations: () => {
      const v = violations;
      violations = [];
      return v;
    },
    feed,
    lifecycle,
    async close() {
      lifecycle.endStreams?.();
      await feed?.close();
      await gateway.close(1_000);
      await client.close();
      await sim.close();
      const left = violations.map(formatViolation);
      violations = [];
      if (left.length) throw new Error(`Waldur contract violations:\n${left.join('\n')}`);
    },
  };
}

/** Decodes a simulator-logged path into its pathname and query parameters. */
export function parsePath(path: string): { pathname: string; params: URLSearchParams } {
  const u = new URL(path, 'http://x');
  return { pathname: u.pathname, params: u.searchParams };
}

/**
 * One stack per test file: started before, closed after, request log cleared before each test.
 * Returns a getter because the stack exists only once `beforeAll` has run.
 */
export function useStack(opts: Parameters<typeof startStack>[0] = {}): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack({ size: 300, ...opts });
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack?.sim.clearLog());
  afterEach(() => {
    expect(stack?.takeViolations().map(formatViolation) ?? [], 'Waldur contract violations').toEqual([]);
  });
  return () => stack!;
}

/** Finders over the simulator's seed data, by the names a reader recognises. */
export function seedLookups(current: () => Stack) {
  const store = () => current().sim.store;
  const offering = (name: string) => [...store().offerings.values()].find((o) => o.name === name)!;
  const user = (username: string) => [...store().users.values()].find((u) => u.username === username)!;
  const customer = (abbr: string) => [...store().customers.values()].find((c) => c.abbreviation === abbr)!;
  return {
    store,
    offering,
    user,
    customer,
    provider: (abbr: string) => [...store().serviceProviders.values()].find((sp) => sp.customer_uuid === customer(abbr).uuid)!,
    accountOf: (username: string, offeringName: string) =>
      [...store().offeringUsers.values()].find((o) => o.user_uuid === user(username).uuid && o.offering_uuid === offering(offeringName).uuid),
  };
}
export { wireUuid as dashed } from '../../src/upstream/uuid.js';

/** `every` that fails on an empty list (an assertion over nothing checks nothing) and names the misfits. */
export function expectEach(items: Json, check: (item: Json) => boolean, what?: string): void;
export function expectEach<T>(items: readonly T[], check: (item: T) => boolean, what?: string): void;
export function expectEach<T>(items: readonly T[], check: (item: T) => boolean, what = 'items'): void {
  expect(items.length, `${what}: nothing to check`).toBeGreaterThan(0);
  expect(
    items.filter((x) => !check(x)),
    `${what} that fail the check`,
  ).toEqual([]);
}

/**
 * Consent reads behind a page of (user, offering) pairs, by the rule in src/schema/consent/consent-by-pair.ts:
 * an offering with at least OFFERING_PAGE_FROM pairs is one page of its consents; the other pairs one read per user.
 */
export function expectedConsentReads(pairs: Array<{ user: string; offering: string }>): number {
  const byOffering = new Map<string, Set<string>>();
  for (const p of pairs) byOffering.set(p.offering, (byOffering.get(p.offering) ?? new Set()).add(p.user));
  const paged = [...byOffering.values()].filter((users) => users.size >= OFFERING_PAGE_FROM);
  const users = new Set(pairs.filter((p) => byOffering.get(p.offering)!.size < OFFERING_PAGE_FROM).map((p) => p.user));
  return paged.length + users.size;
}
