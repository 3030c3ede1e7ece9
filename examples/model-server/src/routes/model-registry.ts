import type { LoadedModel } from '../model/types.js';

/** Looks models up by the name and optional version in a request path. */
export class ModelRegistry {
  private readonly byName: Map<string, LoadedModel>;

  constructor(models: readonly LoadedModel[]) {
    this.byName = new Map(models.map((model) => [model.name, model]));
  }

  /** The model, or a message saying what is unknown. */
  find(name: string, version: string | undefined): LoadedModel | string {
    const model = this.byName.get(name);
    if (model === undefined) return `unknown model "${name}"`;
    if (version !== undefined && version !== model.version) {
      return `unknown version "${version}" of model "${name}"; available: ${model.version}`;
    }
    return model;
  }
}
