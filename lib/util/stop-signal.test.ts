import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { StopSignal } from './stop-signal';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const later = <T>(value: T, ms = 1) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('StopSignal', () => {
  it('passes results and errors through', async () => {
    const s = new StopSignal();
    await expect(s.guard(() => later(3))).resolves.toBe(3);
    await expect(s.guard(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(
      s.guard(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });

  it('rejects calls in flight with the stop reason, and every call after it without running it', async () => {
    const s = new StopSignal();
    const inFlight = s.guard(() => new Promise<never>(() => {}));
    expect(s.inFlight).toBe(1);
    s.stop(new Error('died'));
    s.stop(new Error('second'));
    await expect(inFlight).rejects.toThrow('died');
    let ran = false;
    await expect(s.guard(async () => (ran = true))).rejects.toThrow('died');
    expect(ran).toBe(false);
    expect(s.stopped).toBe(true);
  });

  it('forgets a call once it settles: its result can be collected while the signal lives', async () => {
    const s = new StopSignal();
    // Only a weak reference to each result leaves this function.
    const call = async (i: number) => new WeakRef(await s.guard(() => later({ payload: new Array(1000).fill(i) })));
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 20; i++) refs.push(await call(i));
    expect(s.inFlight).toBe(0);
    await later(null, 5);
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});
