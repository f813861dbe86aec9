import { type FactoredSplit, factoredBytes, materialiseShared } from './factored';

export type Part = 'full' | 'shared' | 'unique';

/**
 * One tensor's parts for every task, kept in factored form: a matrix holds Z and the factors
 * Z^T tau_i, a 1-D tensor at most the mean over tasks. tau_i is recomputed from the checkpoints.
 */
export interface TensorComponents {
  /** tau_i, shared_i or unique_i of one task, formed now: the caller owns the array. */
  part(part: Part, task: number): Float32Array;
  /** Every task's part, formed on first use and then kept (small models, tests, charts). */
  readonly full: Float32Array[];
  readonly shared: Float32Array[];
  readonly unique: Float32Array[];
  /** Bytes held: the factored form plus any part kept by the properties above. */
  bytes(): number;
}

export type ComponentForm = { kind: 'matrix'; split: FactoredSplit } | { kind: 'vector'; length: number; mean: Float32Array | null };

export class LazyComponents implements TensorComponents {
  private kept = new Map<Part, Float32Array[]>();

  /** `tau(i)` returns a fresh tau_i each call. */
  constructor(
    private readonly taskCount: number,
    private readonly tau: (task: number) => Float32Array,
    private readonly form: ComponentForm,
  ) {}

  part(part: Part, task: number): Float32Array {
    if (part === 'full') return this.tau(task);
    if (part === 'shared') return this.sharedOf(task);
    const unique = this.tau(task);
    const shared = this.form.kind === 'matrix' && this.form.split.basis.cols === 0 ? null : this.sharedOf(task);
    if (shared) for (let i = 0; i < unique.length; i++) unique[i] -= shared[i];
    return unique;
  }

  private sharedOf(task: number): Float32Array {
    if (this.form.kind === 'matrix') return materialiseShared(this.form.split, task);
    return this.form.mean ? this.form.mean.slice() : new Float32Array(this.form.length);
  }

  private keep(part: Part): Float32Array[] {
    let all = this.kept.get(part);
    if (!all) this.kept.set(part, (all = Array.from({ length: this.taskCount }, (_, i) => this.part(part, i))));
    return all;
  }

  get full() {
    return this.keep('full');
  }
  get shared() {
    return this.keep('shared');
  }
  get unique() {
    return this.keep('unique');
  }

  bytes(): number {
    let n = this.form.kind === 'matrix' ? factoredBytes(this.form.split) : (this.form.mean?.byteLength ?? 0);
    for (const all of this.kept.values()) for (const a of all) n += a.byteLength;
    return n;
  }
}

/** Components already formed (e.g. a control that re-splits tau_i): `part` hands out copies. */
export function componentsFromParts(parts: Record<Part, Float32Array[]>): TensorComponents {
  return {
    ...parts,
    part: (part, task) => parts[part][task].slice(),
    bytes: () => Object.values(parts).reduce((n, all) => n + all.reduce((m, a) => m + a.byteLength, 0), 0),
  };
}
