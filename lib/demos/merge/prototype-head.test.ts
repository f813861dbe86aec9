import { describe, expect, it } from 'vitest';
import { classMeans, prototypeHead } from './prototype-head';

const logits = (h: ReturnType<typeof prototypeHead>, f: number[]) => {
  const W = h.tensors['head.weight'].data, b = h.tensors['head.bias'].data, C = f.length;
  return Array.from(b, (bk, k) => bk + f.reduce((a, v, c) => a + W[k * C + c] * v, 0));
};
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

describe('prototype heads', () => {
  it('class means average the rows of each class', () => {
    const f = Float32Array.from([1, 0, 3, 0, 0, 2, 0, 4]);
    expect(Array.from(classMeans(f, [0, 0, 1, 1], 2))).toEqual([2, 0, 0, 3]);
    expect(() => classMeans(f, [0, 0, 0, 0], 2)).toThrow(/class 1/);
  });

  it('predicts the nearest prototype, with the requested margin at the prototypes', () => {
    const protos = Float32Array.from([0, 0, 2, 0, 0, 2]); // three classes in 2-D
    const h = prototypeHead(protos, 3, 4);
    expect(argmax(logits(h, [1.2, 0.1]))).toBe(1);
    expect(argmax(logits(h, [0.2, 1.5]))).toBe(2);
    expect(argmax(logits(h, [0.3, 0.2]))).toBe(0);
    // Squared distances: 4, 4, 8 -> mean 16/3; s = 8 / (16/3) = 1.5. At p_1: logit_1 - logit_0 = s * ||p_1 - p_0||^2 / 2 = 3.
    const l = logits(h, [2, 0]);
    expect(l[1] - l[0]).toBeCloseTo(3, 5);
  });
});
