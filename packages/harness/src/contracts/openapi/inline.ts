import { isRecord, pointerSegments, resolvePointer } from '../schema/jsonSchema.js';

/**
 * Makes route schemas self-contained: references to fastify's shared schemas (`Name`, `Name#`,
 * `Name#/properties/x`) and local references (`#/$defs/x`) are replaced by the schema they point to, so a
 * refactor between an inline schema and a shared one leaves the extracted contract unchanged. A reference
 * that loops back into itself is kept, pointing at `#/components/schemas/<name>`, where the schema is
 * stored once.
 */
export class SchemaInliner {
  readonly components: Record<string, unknown> = {};
  private readonly componentNames = new Map<string, string>();
  private readonly unresolved: string[] = [];

  constructor(private readonly shared: Readonly<Record<string, unknown>>) {}

  /** References that resolved nowhere (kept as they are in the output). */
  get unresolvedReferences(): readonly string[] {
    return this.unresolved;
  }

  inline(schema: unknown): unknown {
    return this.visit(schema, schema, []);
  }

  private target(reference: string, scope: unknown): { schema: unknown; scope: unknown; key: string } | undefined {
    const hash = reference.indexOf('#');
    const id = hash === -1 ? reference : reference.slice(0, hash);
    const fragment = hash === -1 ? '#' : reference.slice(hash);
    const document = id === '' ? scope : this.shared[id];
    if (document === undefined || pointerSegments(fragment) === undefined) return undefined;
    const schema = resolvePointer(document, fragment);
    if (schema === undefined) return undefined;
    return { schema, scope: document, key: `${id}${fragment}` };
  }

  private componentName(key: string): string {
    const known = this.componentNames.get(key);
    if (known !== undefined) return known;
    const base = key.replace(/#\/?/g, '/').split('/').filter((part) => part !== '' && part !== '$defs' && part !== 'definitions' && part !== 'properties').join('_') || 'Schema';
    let name = base.replace(/[^A-Za-z0-9._-]/g, '_');
    for (let suffix = 2; Object.values(Object.fromEntries(this.componentNames)).includes(name); suffix += 1) name = `${base}_${suffix}`;
    this.componentNames.set(key, name);
    return name;
  }

  private visit(node: unknown, scope: unknown, stack: readonly string[]): unknown {
    if (Array.isArray(node)) return node.map((item) => this.visit(item, scope, stack));
    if (!isRecord(node)) return node;
    const reference = node['$ref'];
    if (typeof reference === 'string') {
      const target = this.target(reference, scope);
      if (target === undefined) {
        this.unresolved.push(reference);
        return node;
      }
      const { $ref: _reference, ...siblings } = node;
      let replacement: unknown;
      if (stack.includes(target.key)) {
        const name = this.componentName(target.key);
        replacement = { $ref: `#/components/schemas/${name}` };
        if (this.components[name] === undefined) {
          this.components[name] = true;
          this.components[name] = this.visit(target.schema, target.scope, [...stack, target.key]);
        }
      } else {
        replacement = this.visit(target.schema, target.scope, [...stack, target.key]);
      }
      if (Object.keys(siblings).length === 0) return replacement;
      const rest = this.visit(siblings, scope, stack);
      return isRecord(replacement) && replacement['$ref'] === undefined ? { ...replacement, ...(rest as Record<string, unknown>) } : { allOf: [replacement], ...(rest as Record<string, unknown>) };
    }
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      // Containers of definitions and identifiers say nothing once every reference is inlined.
      if (key === '$id' || key === '$schema' || key === '$defs' || key === 'definitions') continue;
      copy[key] = this.visit(value, scope, stack);
    }
    return copy;
  }
}
