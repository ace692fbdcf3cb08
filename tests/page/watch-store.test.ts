import { createMemoryPageWatchStore } from '../../src/platform/page-watch/index.js';
import { describePageWatchStore } from './watch-store-contract.js';

describePageWatchStore('the in-memory store', () => Promise.resolve(createMemoryPageWatchStore()));
