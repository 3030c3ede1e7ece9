import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cap, leaf, parallel, race, repeat, retry, sequence, ZERO, type Cost } from '../../src/checks/latency/analysis/cost.js';

const step = { file: 'src/a.ts', line: 1, call: 'call()' };
const cost = fc
  .record({ ms: fc.double({ min: 0, max: 1e6, noNaN: true }), io: fc.boolean(), deadlineBound: fc.boolean() })
  .map(({ ms, io, deadlineBound }): Cost => leaf(ms, step, { io, deadlineBound }));
const costs = fc.array(cost, { maxLength: 8 });

describe('latency composition', () => {
  it('sequential awaits add up', () => {
    fc.assert(fc.property(costs, (list) => {
      expect(sequence(list).ms).toBeCloseTo(list.reduce((total, item) => total + item.ms, 0), 6);
    }));
  });

  it('Promise.all takes the max and race the min', () => {
    fc.assert(fc.property(costs.filter((list) => list.length > 0), (list) => {
      const values = list.map((item) => item.ms);
      expect(parallel(list).ms).toBe(Math.max(...values));
      expect(race(list).ms).toBe(Math.min(...values));
      expect(race(list).ms).toBeLessThanOrEqual(parallel(list).ms);
    }));
  });

  it('parallel never exceeds sequential, and both report I/O when any part does', () => {
    fc.assert(fc.property(costs, (list) => {
      expect(parallel(list).ms).toBeLessThanOrEqual(sequence(list).ms + 1e-9);
      expect(parallel(list).io).toBe(list.some((item) => item.io));
    }));
  });

  it('an empty composition costs nothing', () => {
    expect(sequence([])).toEqual(ZERO);
    expect(parallel([])).toEqual(ZERO);
    expect(race([])).toEqual(ZERO);
  });

  it('a loop multiplies by its bound', () => {
    fc.assert(fc.property(cost, fc.integer({ min: 0, max: 1000 }), (body, times) => {
      const looped = repeat(body, times, step);
      if (body.ms === 0 && !body.io) expect(looped.ms).toBe(0);
      else expect(looped.ms).toBeCloseTo(body.ms * times, 6);
    }));
  });

  it('a timeout caps: the result is the smaller of the cost and the limit', () => {
    fc.assert(fc.property(cost, fc.double({ min: 0, max: 1e6, noNaN: true }), fc.boolean(), (inner, limit, fromDeadline) => {
      expect(cap(inner, limit, step, fromDeadline).ms).toBe(Math.min(inner.ms, limit));
    }));
  });

  it('retries: attempts × per try + backoff between tries, never past the enclosing deadline', () => {
    fc.assert(fc.property(
      cost,
      fc.integer({ min: 1, max: 10 }),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.double({ min: 0, max: 1e7, noNaN: true }),
      (perTry, attempts, backoff, deadline) => {
        const total = perTry.ms * attempts + backoff * (attempts - 1);
        expect(retry(perTry, attempts, backoff, deadline, step).ms).toBeCloseTo(Math.min(total, deadline), 6);
        expect(retry(perTry, attempts, backoff, Number.POSITIVE_INFINITY, step).ms).toBeCloseTo(total, 6);
      },
    ));
  });

  it('sequence is associative', () => {
    fc.assert(fc.property(costs, costs, costs, (a, b, c) => {
      expect(sequence([sequence(a), sequence([...b, ...c])]).ms).toBeCloseTo(sequence([sequence([...a, ...b]), sequence(c)]).ms, 6);
    }));
  });
});
