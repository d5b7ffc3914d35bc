import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  frame: string;
  selfPct: number;
}

/** Where a frame's code lives: a package in node_modules, the gateway's own source, or V8/Node. */
function areaOf(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes('/dist/') || url.includes('/src/')) return 'gateway (own code)';
  if (url.startsWith('node:')) return 'node core';
  return url ? 'other' : 'V8 / runtime';
}

/**
 * Self time by frame and by area from a V8 `.cpuprofile` (node --cpu-prof), idle time left out.
 * Only the last `windowMs` before the profile ends count: the load, not the process's start-up.
 */
export function summarize(path: string, windowMs: number, top = 12): { frames: Frame[]; areas: Frame[] } {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile & { startTime: number };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = p.endTime - windowMs * 1000;
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (t >= from) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    total += us;
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(dist|src)\//, '$1/');
    const name = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    frames.set(name, (frames.get(name) ?? 0) + us);
    const area = functionName.startsWith('(') ? functionName : areaOf(url);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const rank = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([frame, us]) => ({ frame, selfPct: Math.round((1000 * us) / total) / 10 }));
  return { frames: rank(frames, top), areas: rank(areas, 8) };
}
