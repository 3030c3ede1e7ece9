// The entry of a worker thread of the check pool: runs the checks the main thread names by module and id.
import { serveChecks } from './serveChecks.js';

serveChecks();
