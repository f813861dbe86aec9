import { describe, expect, it } from 'vitest';
import { negation } from './negation';
import { taskArithmetic } from './task-arithmetic';
import { ties } from './ties';

const run = (fn: (out: Float32Array) => void, n: number) => {
  const out = new Float32Array(n);
  fn(out);
  return Array.from(out);
};

describe('edit methods', () => {
  it('TIES matches a hand-computed example', () => {
    // density 0.5 keeps the 2 largest magnitudes of each 4-vector:
    //   a = [ 3, -1,  2, 0.5] -> [ 3,  0, 2,  0]
    //   b = [-4,  1,  1, 2  ] -> [-4,  0, 0,  2]
    //   c = [ 2,  0, -3, 1  ] -> [ 2,  0, -3, 0]
    // mass per entry: [1, 0, -1, 2] -> signs [+, 0, -, +]
    // disjoint mean over agreeing non-zeros: [(3+2)/2, 0, -3, 2]
    const a = Float32Array.from([3, -1, 2, 0.5]);
    const b = Float32Array.from([-4, 1, 1, 2]);
    const c = Float32Array.from([2, 0, -3, 1]);
    expect(run((o) => ties.apply([a, b, c], { name: 'ties', lambda: 1, density: 0.5, election: 'mass' }, o), 4)).toEqual([2.5, 0, -3, 2]);
    expect(run((o) => ties.apply([a, b, c], { name: 'ties', lambda: 2, density: 0.5, election: 'mass' }, o), 4)).toEqual([5, 0, -6, 4]);
    // count election: entry 0 has signs (+, -, +) -> + : same; entry 2 (+, 0, -) -> tie 0 -> nothing kept
    expect(run((o) => ties.apply([a, b, c], { name: 'ties', lambda: 1, density: 0.5, election: 'count' }, o), 4)).toEqual([2.5, 0, 0, 2]);
  });

  it('TIES with density 1 and agreeing signs is the mean', () => {
    const a = Float32Array.from([1, 2]);
    const b = Float32Array.from([3, 4]);
    expect(run((o) => ties.apply([a, b], { name: 'ties', lambda: 1, density: 1, election: 'mass' }, o), 2)).toEqual([2, 3]);
  });

  it('task arithmetic sums and scales; negation subtracts', () => {
    const a = Float32Array.from([1, -2]);
    const b = Float32Array.from([0.5, 4]);
    expect(run((o) => taskArithmetic.apply([a, b], { name: 'task_arithmetic', lambda: 2 }, o), 2)).toEqual([3, 4]);
    expect(run((o) => negation.apply([a, b], { name: 'negation', lambda: 1 }, o), 2)).toEqual([-1.5, -2]);
  });
});
