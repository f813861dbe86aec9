/**
 * Data parallelism over worker threads: the batch is split into equal row slices; each helper thread
 * returns the mean-loss gradient on its slice and the trainer averages them with its own. Equal
 * slices make the average exactly the full batch's mean-loss gradient (up to float rounding), so
 * the run is the same run whatever the thread count.
 */
import { Worker } from 'node:worker_threads';
import type { CharGptConfig } from '../../lib/models/char-gpt';

export interface GradRequest {
  weights: Record<string, Float32Array>;
  shapes: Record<string, number[]>;
  x: Int32Array;
  y: Int32Array;
  rows: number;
}

export interface GradReply {
  loss: number;
  grads: Record<string, Float32Array>;
}

export class GradientHelpers {
  private readonly workers: Worker[];

  /** The worker is TypeScript: its entry registers tsx first (see grad-worker-entry.mjs). */
  constructor(count: number, cfg: CharGptConfig) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./grad-worker-entry.mjs', import.meta.url), { workerData: { cfg } }));
  }

  get count(): number {
    return this.workers.length;
  }

  /** One request per helper, in order; rejects if a helper fails. */
  gradients(requests: GradRequest[]): Promise<GradReply[]> {
    return Promise.all(
      requests.map(
        (req, i) =>
          new Promise<GradReply>((resolve, reject) => {
            const w = this.workers[i];
            const cleanup = () => {
              w.off('message', onMessage);
              w.off('error', onError);
            };
            const onMessage = (r: GradReply) => (cleanup(), resolve(r));
            const onError = (e: Error) => (cleanup(), reject(e));
            w.on('message', onMessage);
            w.on('error', onError);
            w.postMessage(req);
          }),
      ),
    );
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Rows [part * rows, (part + 1) * rows) of a B x T batch. */
export const rowSlice = (a: Int32Array, T: number, part: number, rows: number): Int32Array => a.slice(part * rows * T, (part + 1) * rows * T);
