/** `error` breaks clients (a witness shows how), `warning` may break them, `info` is safe. */
export type ChangeLevel = 'error' | 'warning' | 'info';
