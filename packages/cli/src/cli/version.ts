// The command-line layer's name for the one version reader, which the checks use too.
export { cliVersion } from '../shared/version.js';
