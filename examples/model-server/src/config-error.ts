/** A bad option, flag or environment variable: printed as one line by main, exit code 2. */
export class ModelServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelServerConfigError';
  }
}
