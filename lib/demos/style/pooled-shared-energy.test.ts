import { describe, expect, it } from 'vitest';
import type { TensorDiagnostics } from '../../decompose/decompose-weights';
import type { WeightSet } from '../../tensors/weight-set';
import { pooledSharedEnergy } from './pooled-shared-energy';

const ws = (a: number[], b: number[]): WeightSet => ({ tensors: { a: { shape: [1, a.length], data: Float32Array.from(a) }, b: { shape: [1, b.length], data: Float32Array.from(b) } } });
const diag = (name: string, sharedEnergy: number[], sharedDim: number) => ({ name, kind: 'matrix', shape: [1, 2], sharedEnergy, sharedDim, ranks: [1], eigenvalues: [], basisPaths: [] }) as unknown as TensorDiagnostics;

describe('pooled shared energy', () => {
  it('weights each matrix by its task-vector energy and counts matrices with no shared dimension', () => {
    const base = ws([0, 0], [0, 0]), task = ws([3, 4], [0, 1]); // energies 25 and 1
    // Half of matrix a is shared, none of b: (0.5 * 25 + 0) / 26, not the mean over shared matrices (0.5).
    expect(pooledSharedEnergy([diag('a', [0.5], 1), diag('b', [0], 0)], base, [task])).toBeCloseTo(12.5 / 26, 10);
  });
});
