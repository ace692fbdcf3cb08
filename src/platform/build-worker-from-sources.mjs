// Entry of the corpus build worker when the service runs from its TypeScript sources (npm start, tsx):
// a worker thread does not inherit tsx's loader, so it registers it before loading the worker. The
// compiled service (dist/) starts dist/platform/build-worker.js directly and never uses this file.
import { register } from 'tsx/esm/api';

register();
await import('./build-worker.ts');
