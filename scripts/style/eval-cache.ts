/**
 * Resumable evaluation units: each unit (the single styles, one pair) is written to its own file
 * once measured, so an evaluation can run in short pieces (--units N per process) on a shared
 * CPU slot and pick up where it stopped. A fingerprint of the models and the plan guards reuse.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface UnitCache {
  dir: string;
  /** Units this process may still compute (Infinity: all). */
  left: number;
  /** Units this process computed. */
  computed: number;
}

const replacer = (_: string, v: unknown) =>
  v instanceof Float64Array ? { $f64: Array.from(v) } : v instanceof Uint8Array ? { $u8: Buffer.from(v).toString('base64') } : v;
const reviver = (_: string, v: unknown) => {
  if (v && typeof v === 'object' && '$f64' in v) return Float64Array.from((v as { $f64: number[] }).$f64);
  if (v && typeof v === 'object' && '$u8' in v) return new Uint8Array(Buffer.from((v as { $u8: string }).$u8, 'base64'));
  return v;
};

/** Opens the cache directory, emptying it when the fingerprint (models, grids, options) changed. */
export function openUnitCache(dir: string, fingerprint: string, left: number): UnitCache {
  const stamp = join(dir, 'fingerprint.txt');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') !== fingerprint) for (const f of readdirSync(dir)) rmSync(join(dir, f));
  mkdirSync(dir, { recursive: true });
  writeFileSync(stamp, fingerprint);
  return { dir, left, computed: 0 };
}

/** The unit's stored value, or computes and stores it; null when this process has no units left. */
export async function cachedUnit<T>(cache: UnitCache | null, key: string, compute: () => Promise<T>): Promise<T | null> {
  if (!cache) return compute();
  const file = join(cache.dir, `${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'), reviver) as T;
  if (cache.left <= 0) return null;
  const value = await compute();
  writeFileSync(file + '.tmp', JSON.stringify(value, replacer));
  renameSync(file + '.tmp', file);
  cache.left--;
  cache.computed++;
  return value;
}

export interface Cost { wallSeconds: number; cpuSeconds: number; denoiserRows: number }

/** Adds one process's cost to the family's running total (in the cache directory) and returns the total. */
export function addCost(cache: UnitCache, c: Cost): Cost {
  const file = join(cache.dir, 'cost.json');
  const total: Cost = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { wallSeconds: 0, cpuSeconds: 0, denoiserRows: 0 };
  for (const k of Object.keys(total) as (keyof Cost)[]) total[k] += c[k];
  writeFileSync(file, JSON.stringify(total));
  return total;
}
