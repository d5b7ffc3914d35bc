import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/gateway-process.js';

/** Debian's Chromium, never a downloaded browser; CI installs it with apt-get (see .ci/run). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** Screenshots of each state the suites reach, for people to look at (CI prints the list). */
export const SHOTS = join(ROOT, 'test-results', 'browser');
mkdirSync(SHOTS, { recursive: true });
