/**
 * User-facing errors: typed, coded, never reused. NPV1xxx config, NPV2xxx input, NPV9xxx internal.
 * Every code here has a row in docs/errors.md (a test checks they agree).
 */
export interface ErrorCodeInfo {
  title: string;
  /** How to solve, one or two sentences. */
  solution: string;
}

export const ERROR_CODES = {
  NPV1001: { title: 'Config file not found', solution: 'Create npvguard.config.ts (run `npvguard init`) or pass --config <file>.' },
  NPV1002: { title: 'Config file could not be loaded', solution: 'Fix the syntax error shown; the file must export a config object as its default export.' },
  NPV1003: { title: 'Config value has the wrong type', solution: 'Change the value at the given path to the expected type.' },
  NPV1004: { title: 'Unknown config key', solution: 'Remove the key or fix its spelling; the closest known key is suggested.' },
  NPV1005: { title: 'Layer glob matches no file', solution: 'Fix the glob so it matches the layer\'s files, or remove the layer.' },
  NPV1006: { title: 'Config refers to an unknown layer', solution: 'Use a layer name defined under boundaries.layers.' },
  NPV1007: { title: 'Include glob matches no file', solution: 'Fix the `include` glob so it matches the project\'s source files, or remove it.' },
  NPV1008: { title: 'Check is not configured', solution: 'Add the check\'s section to the config (e.g. `boundaries: { ... }`), or do not select it with --only.' },
  NPV1101: { title: 'Contracts module not found', solution: 'Point contracts.app (or a model\'s spec) at an existing module, relative to the npvguard config, as "<module>#<export>".' },
  NPV1102: { title: 'Contracts export not found', solution: 'Export the named factory or spec from the module, or fix the name after "#" in the config (the message lists the exports found).' },
  NPV1103: { title: 'Model contract spec is invalid', solution: 'Export an object { name, inputs: [{ name, datatype, shape, features? }], outputs: [{ name, datatype?, shape? }] } as docs/checks/contracts.md shows.' },
  NPV1104: { title: 'Invariants module could not be loaded', solution: 'The module contracts.properties.invariants names threw while loading; import it in a test to see the error and fix it.' },
  NPV1105: { title: 'Invariants definition is invalid', solution: 'Export defineInvariants({ routes: { "METHOD /path": { name: (input) => message or undefined } }, examples?, prepare? }): invariants and prepare are functions, examples are non-empty arrays of values by request part; the message says what is wrong.' },
  NPV1106: { title: 'Contracts env file is invalid', solution: 'Point contracts.env at an existing dotenv file (KEY=value lines), relative to the npvguard config, or give the variables as a record.' },
  NPV1201: { title: 'Invalid latency config', solution: 'Name each budget as "METHOD /path" with a positive p99Ms, and give measure settings as positive numbers.' },
  NPV1202: { title: 'Latency budget for an unknown route', solution: 'Use a route the app registers (the message lists them), or remove the budget.' },
  NPV1203: { title: 'Invalid latency client', solution: 'Give each entry of latency.clients a `module` and, where set, arrays of names (`calls`, `timeoutOptions`, `chainTimeoutMethods`, `factories`, `factoryTimeoutOptions`), argument positions as non-negative integers, `defaultWaitMs` as a positive number and `io` as a boolean.' },
  NPV1301: { title: 'ESLint config could not be loaded', solution: 'Fix the ESLint config file named in the message (or `lint.config` in the npvguard config) until `npx eslint <file>` runs.' },
  NPV1302: { title: 'lint.config file not found', solution: 'Point `lint.config` at an existing ESLint flat config file, relative to the npvguard config, or remove it to use the project\'s own lookup.' },
  NPV1303: { title: 'ESLint version not supported', solution: 'npvguard runs the project\'s ESLint 9 or 10 (flat config); upgrade an older ESLint (`npm i -D eslint@^9`), or use an npvguard release that knows a newer one. The message names the version and where it was found.' },
  NPV1304: { title: 'TypeScript version not supported', solution: 'The project\'s TypeScript is outside what typescript-eslint 8 and the type-aware rules support (>=5.0.0 <6.1.0); install a TypeScript in that range (`npm i -D typescript@~5.9`).' },
  NPV2001: { title: 'Invalid command-line usage', solution: 'Run the command with --help to see its options.' },
  NPV2002: { title: 'tsconfig not found or invalid', solution: 'Point `tsconfig` in the config at an existing tsconfig.json, or create one.' },
  NPV2003: { title: 'Not a git repository', solution: '--base needs a git work tree; run inside one or drop --base.' },
  NPV2004: { title: 'Unknown or unsafe git ref', solution: 'Pass an existing branch, tag or commit; refs may not contain spaces or shell metacharacters.' },
  NPV2005: { title: 'Invalid baseline file', solution: 'Fix or regenerate npvguard.baseline.json with `npvguard baseline --update`.' },
  NPV2006: { title: 'Baseline would grow', solution: 'Fix the new findings, or pass --allow-growth with a reason for each accepted finding.' },
  NPV2007: { title: 'Path not found', solution: 'Pass paths that exist inside the project (the folder holding the config).' },
  NPV2008: { title: 'File could not be written', solution: 'Check that the folder exists and is writable, or choose another path.' },
  NPV2009: { title: 'Git command failed', solution: 'Run the git command shown by hand to see why it fails (locked worktree, missing objects, permissions) and fix that.' },
  NPV2010: { title: 'Run cancelled', solution: 'The run was stopped before the check finished (a hook\'s time bound, or the client went away); raise the time bound (`--timeout`) or run `npvguard check` directly.' },
  NPV2101: { title: 'Contract snapshot is malformed', solution: 'The committed snapshot is not valid JSON or not an OpenAPI document; regenerate it with `npvguard contracts update`.' },
  NPV2102: { title: 'App could not be built', solution: 'The app module threw while loading, or the factory or `ready()` failed; run the factory in a test to see the error and fix it.' },
  NPV2103: { title: 'OpenAPI document could not be read', solution: 'Pass an existing JSON or YAML OpenAPI 3.0/3.1 file, or `<git ref>:<path>` naming one; the message says what failed, and for a document that is not valid OpenAPI, the JSON pointer, file and line of the problem.' },
  NPV2104: { title: 'Model metadata could not be fetched', solution: 'Start the model server and pass its base URL with --model-url; it must answer GET /v2/models/<name> with 200.' },
  NPV2105: { title: 'Acknowledged changes file is malformed', solution: 'Fix contracts/changes.json: { "acknowledged": [{ "id", "path", "reason", "method"? }] } with non-empty strings.' },
  NPV2106: { title: 'Model metadata snapshot is malformed', solution: 'Regenerate the model snapshot with `npvguard contracts update --model-url <url>`.' },
  NPV2107: { title: 'Route schema is not JSON Schema', solution: 'Write the route schema as JSON Schema (or TypeBox), or with zod 4 installed where the app resolves it; a schema zod cannot represent (dates, transforms) needs a JSON-representable form in the route schema.' },
  NPV2108: { title: 'OpenAPI $ref could not be resolved', solution: 'Point the $ref named in the message at an existing local file (relative to the file the $ref is written in) and at a JSON pointer that exists in it (`#/components/schemas/Pet`); remote URLs are not fetched.' },
  NPV2201: { title: 'Latency fakes module missing or invalid', solution: 'Point latency.measure.fakes at a module exporting start() (resolving to { url, close }) and requests, as docs/checks/latency.md shows.' },
  NPV2202: { title: 'Latency measurement could not run', solution: 'Check that the app started by the fakes module answers the configured requests with 2xx; the message names the route and the failure.' },
  NPV2301: { title: 'ESLint failed while linting', solution: 'A rule or plugin crashed on a file; run `npx eslint <file>` to see the full error and fix or update the plugin.' },
  NPV2302: { title: 'The integrity check needs a git work tree', solution: 'Run inside a git repository with at least one commit; the integrity check compares the change with --base (or HEAD).' },
  NPV2303: { title: 'A config file at the base could not be read', solution: 'The base version of a config file named in the message does not load; compare against a --base whose config loads, or fix it there.' },
  NPV2401: { title: 'Unknown rule id', solution: 'Use a rule id that `npvguard rules` lists; the message suggests the closest ids.' },
  NPV2402: { title: 'Rule documentation not found', solution: 'Reinstall npvguard (its docs ship in the package) or run it from a checkout where docs/rules/ exists.' },
  NPV2403: { title: 'Hook payload is not valid', solution: 'The hook reads the agent\'s JSON payload on stdin; run it from the agent\'s hook config, or pipe a JSON object to it.' },
  NPV2404: { title: 'No project to initialise', solution: 'Run `npvguard init` in a folder with a package.json and TypeScript sources (a src/ folder or a tsconfig.json include).' },
  NPV2405: { title: 'Unknown agent for init', solution: 'Pass --agents with a comma-separated list of claude and cursor.' },
  NPV2406: { title: 'Route not found in the latency report', solution: 'Use a route as the latency check names it, "METHOD /path" (the message lists them).' },
  NPV9001: { title: 'Internal error', solution: 'This is a bug in npvguard; please report it with the command you ran.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error meant for the user: printed as one coded paragraph, exit code 2, no stack trace. */
export class NpvError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'NpvError';
    this.code = code;
    this.details = details;
  }
}

export function isNpvError(value: unknown): value is NpvError {
  return value instanceof NpvError;
}
