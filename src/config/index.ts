export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
