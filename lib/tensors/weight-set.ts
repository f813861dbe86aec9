/** A named set of float32 tensors: the one in-memory form of a checkpoint, a task vector or a component. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

export interface WeightSet {
  /** Insertion order is the file order; every consumer iterates names in this order. */
  tensors: Record<string, Tensor>;
  metadata?: Record<string, string>;
}

export class WeightError extends Error {
  constructor(message: string, readonly tensor?: string) {
    super(message);
    this.name = 'WeightError';
  }
}

export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** NaN or Inf weights poison every later sum silently; refuse them at the door instead. */
export function assertFinite(ws: WeightSet, label = 'checkpoint'): void {
  for (const [name, t] of Object.entries(ws.tensors)) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i])) {
        throw new WeightError(`${label}: tensor "${name}" has a non-finite value (${d[i]}) at index ${i}`, name);
      }
    }
  }
}

/**
 * Checks that every set has the same tensor names with the same shapes as the first.
 * Collects every offender so a user fixes their files in one pass, not one error at a time.
 */
export function assertCompatible(sets: { label: string; weights: WeightSet }[]): void {
  if (sets.length < 2) return;
  const [ref, ...rest] = sets;
  const problems: string[] = [];
  for (const other of rest) {
    for (const [name, t] of Object.entries(ref.weights.tensors)) {
      const o = other.weights.tensors[name];
      if (!o) problems.push(`${other.label} lacks "${name}"`);
      else if (!sameShape(o.shape, t.shape))
        problems.push(`${other.label} "${name}" has shape [${o.shape}] but ${ref.label} has [${t.shape}]`);
    }
    for (const name of Object.keys(other.weights.tensors)) {
      if (!(name in ref.weights.tensors)) problems.push(`${other.label} has extra tensor "${name}" not in ${ref.label}`);
    }
  }
  if (problems.length) {
    throw new WeightError(`checkpoints do not match (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  ${problems.join('\n  ')}`);
  }
}

/** Elementwise a - b over matching sets: the task vector theta_i - theta_0. */
export function subtract(a: WeightSet, b: WeightSet): WeightSet {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(a.tensors)) {
    const u = b.tensors[name];
    const out = new Float32Array(t.data.length);
    for (let i = 0; i < out.length; i++) out[i] = t.data[i] - u.data[i];
    tensors[name] = { shape: [...t.shape], data: out };
  }
  return { tensors };
}
