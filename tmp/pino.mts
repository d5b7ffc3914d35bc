import { createLogger, REDACT_PATHS } from '/work/main/src/config/logger.js';
console.log(REDACT_PATHS.slice(0, 8));
const lines: string[] = [];
const l = createLogger('info', (x) => lines.push(x));
l.info('hello', { a: 1, authorization: 'Token x', headers: { authorization: 'Bearer y', 'set-cookie': 'z' }, req: { headers: { cookie: 'c' } } });
l.child({ requestId: 'r1' }).warn('w', { nested: { api_secret_code: 's' } });
l.debug('nope');
console.log(lines.join(''));
