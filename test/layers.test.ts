import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/**
 * Layers import one way: config -> upstream -> (loaders, live) -> schema -> server -> main. The
 * simulator is another reading of Waldur: the gateway reaches it only from main.ts, dynamically,
 * when no Waldur is configured.
 */
const ORDER = ['config', 'upstream', 'loaders', 'live', 'schema', 'server', 'main'];
const SRC = resolve(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}
const layerOf = (file: string) => {
  const top = relative(SRC, file).split('/')[0];
  return top === 'main.ts' ? 'main' : top;
};

it('every import of the gateway goes down the layers, never up, and never into the simulator', () => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    const from = layerOf(file);
    if (from === 'simulator') continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const to = layerOf(resolve(file, '..', m[1]));
      if (to === 'simulator') {
        if (from !== 'main') wrong.push(`${relative(SRC, file)} imports the simulator (${m[1]})`);
        continue;
      }
      // Same-rank layers (loaders, live) do not import each other either.
      const [a, b] = [ORDER.indexOf(from), ORDER.indexOf(to)];
      if (from !== to && (b > a || (['loaders', 'live'].includes(from) && ['loaders', 'live'].includes(to))))
        wrong.push(`${relative(SRC, file)} (${from}) imports ${m[1]} (${to})`);
    }
  }
  expect(wrong).toEqual([]);
});
