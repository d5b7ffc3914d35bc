export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger, redact, type Logger, type LogLevel } from './logger.js';
