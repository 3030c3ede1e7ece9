/** Time as the service sees it: milliseconds since the epoch, fractional. Injected so tests can steer it. */
export interface Clock {
  now(): number;
}
