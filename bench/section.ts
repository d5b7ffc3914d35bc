import { readFileSync, writeFileSync } from 'node:fs';

/** Puts `section` (which starts with `start` and ends with `end`) into the report, replacing an earlier one. */
export function replaceSection(out: string, start: string, end: string, section: string): string {
  const doc = readFileSync(out, 'utf8');
  const at = doc.indexOf(start);
  writeFileSync(out, at >= 0 ? doc.slice(0, at) + section + doc.slice(doc.indexOf(end) + end.length) : `${doc.trimEnd()}\n\n${section}\n`);
  return section;
}
