import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/**
 * Layers import one way: config -> upstream -> live -> schema -> server -> main (main.ts
 * and gateway.ts). The simulator is another reading of Waldur, a package of its own
 * (packages/waldur-simulator): the gateway never imports it, and never ships it.
 */
const ORDER = ['config', 'upstream', 'live', 'schema', 'server', 'main'];
const SRC = resolve(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}
const layerOf = (file: string) => {
  const top = relative(SRC, file).split('/')[0];
  return /^(main|gateway)\.[jt]s$/.test(top) ? 'main' : top;
};

it('every import of the gateway goes down the layers, never up, and never into the simulator', () => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    const from = layerOf(file);
    const source = readFileSync(file, 'utf8');
    if (/(?:from|import)\s*\(?\s*'[^']*simulator/.test(source)) wrong.push(`${relative(SRC, file)} imports the simulator`);
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const to = layerOf(resolve(file, '..', m[1]));
      if (!ORDER.includes(to)) wrong.push(`${relative(SRC, file)} imports ${m[1]}, outside the gateway's layers`);
      const [a, b] = [ORDER.indexOf(from), ORDER.indexOf(to)];
      if (from !== to && b > a) wrong.push(`${relative(SRC, file)} (${from}) imports ${m[1]} (${to})`);
    }
  }
  expect(wrong).toEqual([]);
});

it('the simulator is its own package, outside what the gateway builds, ships and depends on', () => {
  const root = resolve(SRC, '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; workspaces: string[] };
  expect(Object.keys(pkg.dependencies)).not.toContain('waldur-simulator');
  expect(pkg.workspaces).toContain('packages/*');
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
  expect(build.include).toEqual(['src']);
  expect(readdirSync(SRC)).not.toContain('simulator');
  // The image copies the gateway's sources only.
  expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).not.toMatch(/COPY[^\n]*packages/);
});
