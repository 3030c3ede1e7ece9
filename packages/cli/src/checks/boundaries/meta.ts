import { BOUNDARIES_RULES, type CheckMeta } from '@npvguard/core';

export const boundariesMeta: CheckMeta = {
  description: 'Layers and the imports allowed between them (default deny), also for dependencies injected as fastify decorators; public entry points, external packages per layer, import cycles, and imports that do not resolve.',
  docs: 'checks/boundaries.md',
  rules: [
    {
      id: BOUNDARIES_RULES.forbiddenImport,
      description: 'A file imports a file (or uses a fastify decorator provided by a file) of a layer its own layer may not import, or a file in no layer.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.privateImport,
      description: 'A file imports a file of another layer that is not one of that layer\'s entry points.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.externalNotAllowed,
      description: 'A file imports an external package (or Node builtin), or uses a fastify decorator a package provides, that its layer may not use.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.cycle,
      description: 'Files import each other in a cycle; one finding per group, with the edges to cut.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.unresolvedImport,
      description: 'An import does not resolve to a file or an installed package, or names its module by an expression.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.unassignedFile,
      description: 'A source file matches no layer glob, so no layer rule can apply to it.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.parseError,
      description: 'A source file has syntax errors; the imports that could be read are still checked.',
      defaultSeverity: 'error',
    },
    {
      id: BOUNDARIES_RULES.unresolvedDecorator,
      description: 'A file uses a fastify decorator whose provider cannot be found, or decorates with a name that is not a constant, so the layer rules cannot judge it.',
      defaultSeverity: 'info',
    },
  ],
};
