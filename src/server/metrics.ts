import type { LiveMetrics } from '../live/feed.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RecordedRequest } from '../upstream/types.js';
import { looksLikeCredential } from '../upstream/redact.js';
import { DEFAULTS } from '../config/defaults.js';

/** Operation names become labels only this many at a time; later names count as `other`. */
export const DEFAULT_MAX_OPERATION_NAMES = DEFAULTS.metricsMaxOperationNames;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * Prometheus metrics of one gateway instance (its own registry, so tests do not share state).
 * Every label is bounded: routes are templates, statuses are numbers or codes, and operation names
 * are the first `maxOperationNames` distinct names seen (a client choosing a fresh name per request
 * adds nothing after that), so no caller can grow the series without end.
 */
export function createMetrics(maxOperationNames: number = DEFAULT_MAX_OPERATION_NAMES) {
  const names = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= maxOperationNames || !NAME.test(name) || looksLikeCredential(name)) return 'other';
    names.add(name);
    return name;
  };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
  const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  const operations = counter('graphql_operations_total', 'GraphQL operations by name, type and outcome (success, error).', ['operation', 'type', 'outcome']);
  const operationSeconds = histogram('graphql_operation_duration_seconds', 'Execution time of GraphQL operations.', ['operation', 'type'], SECONDS);
  const upstreamPerOperation = histogram(
    'graphql_operation_upstream_requests',
    'REST requests one GraphQL operation made.',
    ['operation'],
    [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
  );
  const upstreamRequests = counter('upstream_requests_total', 'REST requests to Waldur by method, route template and status.', ['method', 'route', 'status']);
  const upstreamSeconds = histogram('upstream_request_duration_seconds', 'REST request latency to Waldur.', ['method', 'route'], [...SECONDS, 10]);
  const refused = counter(
    'graphql_requests_refused_total',
    'Requests answered without executing an operation, by reason (parse, validation, limit, csrf, authorization_header, body_too_large, ...).',
    ['reason'],
  );
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const liveSubscriptions = gauge('live_subscriptions', 'Open subscriptions on this replica.');
  const liveCohorts = gauge('live_cohorts', 'Cohorts (same credentials, same filter) with subscribers on this replica.');
  const livePolls = counter('live_polls_total', 'Polls of Waldur for cohorts this replica holds, by outcome (changes, quiet, failed, ended).', ['outcome']);
  const livePollSeconds = histogram('live_poll_duration_seconds', 'Time of one cohort poll.', [], [...SECONDS, 10]);
  const liveEvents = counter('live_events_delivered_total', 'Events delivered to subscribers, by kind.', ['kind']);
  const liveReplayed = counter('live_events_replayed_total', 'Events replayed to subscribers that resumed with Last-Event-ID.', []);
  const liveResyncs = counter('live_resyncs_total', 'RESYNC events: a client resumed from an id no longer retained.', []);
  const liveRefused = counter('live_subscriptions_refused_total', 'Subscriptions refused, by reason (anonymous, caller_limit, process_limit, draining).', [
    'reason',
  ]);
  /** What the live feed reports (src/live/feed.ts LiveMetrics). */
  const live: LiveMetrics = {
    subscriptions: (d) => liveSubscriptions.inc(d),
    cohorts: (d) => liveCohorts.inc(d),
    poll: (outcome, ms) => {
      livePolls.inc({ outcome });
      livePollSeconds.observe(ms / 1000);
    },
    delivered: (kind) => liveEvents.inc({ kind }),
    replayed: (n) => liveReplayed.inc(n),
    resync: () => liveResyncs.inc(),
    refused: (reason) => liveRefused.inc({ reason }),
  };
  const upstreamSeries = new Map<string, { count: ReturnType<typeof upstreamRequests.labels>; seconds: ReturnType<typeof upstreamSeconds.labels> }>();
  return {
    registry,
    live,
    operationLabel,
    refused,
    operations,
    operationSeconds,
    upstreamPerOperation,
    onUpstreamRequest(r: RecordedRequest, route: string) {
      // A labelled child per series, found by one string: prom-client hashes a label object on
      // every call otherwise, a cost paid per REST call. The series are bounded (routes are templates).
      const key = `${r.method} ${route} ${r.status}`;
      let series = upstreamSeries.get(key);
      if (!series) {
        series = { count: upstreamRequests.labels(r.method, route, String(r.status)), seconds: upstreamSeconds.labels(r.method, route) };
        upstreamSeries.set(key, series);
      }
      series.count.inc();
      series.seconds.observe(r.ms / 1000);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
