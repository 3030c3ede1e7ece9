import { ESLintUtils } from '@typescript-eslint/utils';
import { calleeParts, isThis, receiverName } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { nameMatches } from '../util/files.js';
import { withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';
import { memberOwnerMatches } from '../util/types.js';
import {
  DEFAULT_SIDE_EFFECT_METHODS,
  DEFAULT_SIDE_EFFECT_RECEIVERS,
  SIDE_EFFECT_MESSAGES,
  sideEffectListener,
  type MessageIds,
} from './no-await-side-effects.js';

export type Options = [{ requestPath?: string[]; portTypes?: string[]; receivers?: string[]; methods?: string[] }];

/** Port types whose every method is a side effect: the event sink, the exposure log, side-effect components. */
const DEFAULT_PORT_TYPES: readonly string[] = ['*Sink', '*SinkPort', '*ExposureLog*', 'SideEffect'];

export default createRule<Options, MessageIds>({
  name: 'no-await-side-effects-type-checked',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow awaiting side-effect calls on the request path, recognising side-effect ports by their type',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: SIDE_EFFECT_MESSAGES,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          portTypes: NAMES_SCHEMA(
            'Type name patterns of side-effect ports (an interface the receiver implements, or its own type); a call of any method they declare is a side effect.',
          ),
          receivers: NAMES_SCHEMA('Receiver name patterns recognised without types, as in `no-await-side-effects`.'),
          methods: NAMES_SCHEMA('Side-effect method names on those receivers, as in `no-await-side-effects`.'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const portTypes = options.portTypes ?? DEFAULT_PORT_TYPES;
    const receivers = options.receivers ?? DEFAULT_SIDE_EFFECT_RECEIVERS;
    const methods = options.methods ?? DEFAULT_SIDE_EFFECT_METHODS;
    return withSettings(context, (settings) =>
      sideEffectListener(context, options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH, (call) => {
        const { receiver, name } = calleeParts(call);
        if (!receiver || name === undefined) return false;
        if (nameMatches(receiverName(receiver), receivers) && nameMatches(name, methods)) return true;
        // Inside a sink, its calls to its own methods are how it does the work, not a caller waiting on it.
        if (isThis(receiver)) return false;
        return memberOwnerMatches(services.getTypeAtLocation(receiver), name, portTypes, checker);
      }),
    );
  },
});
