// Bench only: a full garbage collection on SIGUSR2, so retained memory is measured, not garbage;
// the heap then in use goes to the file BENCH_HEAP_FILE names (RSS keeps pages V8 does not return).
import { writeFileSync } from 'node:fs';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  if (process.env.BENCH_HEAP_FILE) writeFileSync(process.env.BENCH_HEAP_FILE, String(process.memoryUsage().heapUsed));
});
