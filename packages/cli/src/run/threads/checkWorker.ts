// The entry of a worker thread of the check pool: the registered checks, served to the main thread.
import { CHECKS } from '../../checks/index.js';
import { serveChecks } from './serveChecks.js';

serveChecks(CHECKS);
