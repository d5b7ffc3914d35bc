import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';
import type { GatewayContext } from '../../schema/context.js';
import type { LiveFeed } from '../../live/feed.js';

export interface LiveStreamOptions {
  feed: LiveFeed;
  /** Comment lines this often keep proxies and load balancers from closing a quiet stream. */
  heartbeatMs: number;
  /** Milliseconds a client waits before reconnecting after the server ended its stream (SSE `retry:`). */
  retryMs?: number;
}

const WRITES = /\/marketplace-(offering-users|user-offering-consents|offering-user-checklist-completions)\/(?:([0-9a-f-]{32,36})\/)?/;

/**
 * Live updates over SSE (yoga's distinct-connections mode), with what yoga's own SSE writer leaves
 * out: an `id:` on every event (resume with Last-Event-ID), a configurable heartbeat, no proxy
 * buffering, and streams that end with a `retry:` hint when the server drains, so clients reconnect
 * to another replica. Mutations that went through the gateway tell the feed at once.
 */
export function useLiveStream(o: LiveStreamOptions): Plugin<GatewayContext> & { drain: () => void } {
  const open = new Set<(text: string) => void>();
  const encoder = new TextEncoder();
  const retryMs = o.retryMs ?? 1_000;
  // A cancelled stream must end its subscription, which may be waiting for an event, not at a yield.
  const stops = new WeakMap<Request, AbortController>();
  const plugin: Plugin<GatewayContext> = {
    onSubscribe({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      ctx.liveStop = new AbortController();
      if (ctx.request) stops.set(ctx.request, ctx.liveStop);
      // Each event gets its own session and loaders (renew): the request's own would only hold
      // memory for as long as the stream is open, thousands of streams at a time. Released, it
      // refuses any call, so nothing can read through it by mistake.
      ctx.upstream.release();
      return {
        onSubscribeResult() {
          return {
            onNext({ args, result, setResult }) {
              const id = (args.contextValue as GatewayContext).liveEventId;
              if (id) setResult({ ...result, extensions: { ...result.extensions, eventId: id } });
            },
          };
        },
      };
    },
    onExecute({ args: { contextValue } }) {
      return { onExecuteDone: () => publishWrites(o.feed, contextValue) };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      if (!isAsyncIterable(result) || !request.headers.get('accept')?.includes('text/event-stream')) return;
      setResultProcessor((stream, fetchAPI) => {
        let iterator: AsyncIterator<ExecutionResult> | undefined;
        let ping: NodeJS.Timeout | undefined;
        let write: ((text: string) => void) | undefined;
        // Ended by the server (drain): a pull still waiting for an event must not write after it.
        let closed = false;
        /** Ends the stream from the server's side (drain); set once the stream starts. */
        let end: (hint: string) => void = () => undefined;
        const body = new fetchAPI.ReadableStream<Uint8Array>({
          start(controller) {
            write = (text) => {
              if (!closed && controller.desiredSize !== null) controller.enqueue(encoder.encode(text));
            };
            end = (hint: string) => {
              write?.(hint);
              closed = true;
              clearInterval(ping);
              open.delete(end);
              controller.close();
              stops.get(request)?.abort();
              void iterator?.return?.();
            };
            open.add(end);
            // A first comment flushes the headers through proxies that wait for a body.
            write(':\n\n');
            ping = setInterval(() => write?.(':\n\n'), o.heartbeatMs);
            ping.unref();
            iterator = (stream as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
          },
          async pull(controller) {
            try {
              const next = await iterator!.next();
              if (closed) return;
              if (next.value != null) {
                const id = next.value.extensions?.eventId;
                write!(`${typeof id === 'string' ? `id: ${id}\n` : ''}event: next\ndata: ${JSON.stringify(next.value)}\n\n`);
              }
              if (next.done) {
                write!('event: complete\ndata:\n\n');
                closed = true;
                clearInterval(ping);
                open.delete(end);
                controller.close();
              }
            } catch (err) {
              clearInterval(ping);
              open.delete(end);
              if (!closed) controller.error(err);
              closed = true;
            }
          },
          cancel() {
            closed = true;
            clearInterval(ping);
            open.delete(end);
            stops.get(request)?.abort();
            return iterator?.return?.().then(() => undefined);
          },
        });
        return new fetchAPI.Response(body, {
          status: 200,
          headers: {
            'content-type': 'text/event-stream',
            'cache-control': 'no-cache',
            connection: 'keep-alive',
            'content-encoding': 'none',
            'x-accel-buffering': 'no',
          },
        });
      }, 'text/event-stream');
    },
  };
  return {
    ...plugin,
    // Streams end without `complete`: clients reconnect (after `retry:`), with Last-Event-ID, elsewhere.
    drain: () => {
      o.feed.drain();
      for (const end of [...open]) end(`retry: ${retryMs}\n\n`);
    },
  };
}

/** A write through the gateway: the cohorts that may see it poll now, not at their next tick. */
function publishWrites(feed: LiveFeed, ctx: GatewayContext): void {
  const uuids = new Set<string>();
  const deleted = new Set<string>();
  for (const r of ctx.upstream.requests) {
    if (r.method === 'GET' || r.method === 'HEAD' || typeof r.status !== 'number' || r.status >= 300) continue;
    const m = WRITES.exec(r.path);
    if (!m) continue;
    // A consent or checklist write changes offering users' flags (has_consent...): any poke polls.
    if (m[1] === 'offering-users' && m[2] && r.method === 'DELETE') deleted.add(m[2]);
    else uuids.add(m[2] ?? m[1]!);
  }
  if (uuids.size || deleted.size) feed.publish({ uuids: [...uuids], deleted: [...deleted] });
}
