import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';

export class UsageError extends Error {}

export function readBytes(path: string): Uint8Array {
  try {
    const bytes = readFileSync(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function loadWeights(path: string): WeightSet {
  const bytes = readBytes(path);
  try {
    return readSafetensors(bytes);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/**
 * A recipe's model reference: a .safetensors path (relative to the recipe file), or the id of a
 * shipped model ("merge/base" -> public/models/merge/base.safetensors), as the browser resolves it.
 */
export function resolveModelRef(ref: string, recipeDir: string): string {
  if (ref.endsWith('.safetensors')) return isAbsolute(ref) ? ref : resolve(recipeDir, ref);
  return join(dirname(new URL(import.meta.url).pathname), '..', '..', 'public', 'models', `${ref}.safetensors`);
}

/** A recipe's model as a source: hub ids and URLs as they are, paths relative to the recipe, else a shipped id. */
export function resolveSourceRef(ref: string, recipeDir: string): string {
  if (/^(hf:|https?:\/\/)/.test(ref)) return ref;
  const local = isAbsolute(ref) ? ref : resolve(recipeDir, ref);
  return existsSync(local) ? local : resolveModelRef(ref, recipeDir);
}

/**
 * A mergekit config's model as a recipe names it: unchanged when it is a URL, a local path or a
 * shipped id (resolveSourceRef reads those), else a Hugging Face repo id ("owner/name", optionally
 * "@revision", as mergekit reads it) becomes hf:owner/name. Nothing machine-specific is written.
 */
export function mergekitModelRef(ref: string, recipeDir: string): string {
  if (/^(hf:|https?:\/\/)/.test(ref)) return ref;
  if (existsSync(isAbsolute(ref) ? ref : resolve(recipeDir, ref)) || existsSync(resolveModelRef(ref, recipeDir))) return ref;
  return /^[\w.-]+\/[\w.-]+(@[\w./-]+)?$/.test(ref) ? `hf:${ref}` : ref;
}
