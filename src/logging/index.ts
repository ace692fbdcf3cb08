export { createLogger, type Logger } from './logger.js';
export { scrubPersonalData } from './scrub.js';
