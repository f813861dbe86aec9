/**
 * Rejects the calls in flight when something stops for good (a worker that died), and any call
 * made after that. Each call is forgotten as soon as it settles.
 *
 * Why not `Promise.race([call, stopped])` with one long-lived `stopped` promise: every race adds
 * a reaction to `stopped`, and while `stopped` is pending those reactions keep every past call's
 * result reachable. A page that evaluates on each edit then keeps every result it ever showed.
 */
export class StopSignal {
  private readonly pending = new Set<(reason: Error) => void>();
  private reason: Error | null = null;

  /** Rejects every call in flight with `reason`; later calls reject at once. Only the first stop counts. */
  stop(reason: Error): void {
    if (this.reason) return;
    this.reason = reason;
    for (const reject of this.pending) reject(reason);
    this.pending.clear();
  }

  get stopped(): boolean {
    return this.reason !== null;
  }

  /** Calls in flight (what stop() would reject). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** `call()`'s outcome, or the stop reason if stop() comes first. */
  guard<T>(call: () => Promise<T>): Promise<T> {
    if (this.reason) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      const settle = <A>(finish: (a: A) => void) => (a: A) => {
        this.pending.delete(reject);
        finish(a);
      };
      try {
        call().then(settle(resolve), settle(reject));
      } catch (e) {
        settle(reject)(e);
      }
    });
  }
}
