export { createLogger, hashForLog, type Logger, type LoggerExtras } from './logger.js';
export { scrubPersonalData } from './scrub.js';
