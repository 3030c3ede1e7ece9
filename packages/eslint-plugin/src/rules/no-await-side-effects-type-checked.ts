import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isThis, receiverName } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { nameMatches } from '../util/files.js';
import { withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';
import { memberOwnerMatches, programNodeAt } from '../util/types.js';
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
    const byName = (call: TSESTree.CallExpression): { receiver: TSESTree.Expression; name: string } | 'side effect' | undefined => {
      const { receiver, name } = calleeParts(call);
      if (!receiver || name === undefined) return undefined;
      if (nameMatches(receiverName(receiver), receivers) && nameMatches(name, methods)) return 'side effect';
      // Inside a sink, its calls to its own methods are how it does the work, not a caller waiting on it.
      if (isThis(receiver)) return undefined;
      return { receiver, name };
    };
    return withSettings(context, (settings) =>
      sideEffectListener(
        context,
        options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH,
        (call) => {
          const parts = byName(call);
          if (parts === 'side effect') return true;
          return parts !== undefined && memberOwnerMatches(services.getTypeAtLocation(parts.receiver), parts.name, portTypes, checker);
        },
        (call, module) => {
          const parts = byName(call);
          if (parts === 'side effect') return true;
          if (parts === undefined) return false;
          // Another file of the program: its type checker knows the receiver there too.
          const receiver = programNodeAt(services.program, module.file, module.text, parts.receiver);
          return receiver !== undefined && memberOwnerMatches(checker.getTypeAtLocation(receiver), parts.name, portTypes, checker);
        },
      ),
    );
  },
});
