/** One SSE event as the wire carries it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  retry?: number;
}

/** Reads an SSE response event by event (comments skipped), for asserting the wire itself. */
export class SseReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  /** A read a timed-out call left waiting: the next call takes its chunk, so nothing is lost. */
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  constructor(readonly response: Response) {
    this.reader = response.body!.getReader();
  }

  /** The next event, or undefined when the stream ended; rejects after `ms`. */
  async next(ms = 5_000): Promise<SseEvent | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const e: SseEvent = { event: 'message', data: '' };
        let meaningful = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':') || !line) continue;
          const [field, ...rest] = line.split(':');
          const value = rest.join(':').replace(/^ /, '');
          meaningful = true;
          if (field === 'id') e.id = value;
          else if (field === 'event') e.event = value;
          else if (field === 'data') e.data = e.data ? `${e.data}\n${value}` : value;
          else if (field === 'retry') e.retry = Number(value);
        }
        if (meaningful) return e;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE event within ${ms} ms`);
      let timer: NodeJS.Timeout | undefined;
      this.pending ??= this.reader.read();
      const chunk = await Promise.race([
        this.pending,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no SSE event within ${ms} ms`)), left))),
      ]).finally(() => clearTimeout(timer));
      this.pending = undefined;
      if (chunk.done) return undefined;
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  /** The next `next` event's GraphQL answer. */
  async nextResult<T = any>(ms?: number): Promise<{ id?: string; result: T }> {
    for (;;) {
      const e = await this.next(ms);
      if (!e) throw new Error('the stream ended');
      if (e.event === 'next') return { id: e.id, result: JSON.parse(e.data) as T };
    }
  }

  close(): Promise<void> {
    return this.reader.cancel().catch(() => undefined);
  }
}
