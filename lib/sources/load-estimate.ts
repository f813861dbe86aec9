import { estimateDecompositionBytes } from '../decompose/memory-estimate';
import { formatBytes } from '../util/format-bytes';
import { numel } from '../tensors/weight-set';
import type { DeviceLimits } from './device-limits';

export interface TensorShape {
  name: string;
  shape: number[];
}

export interface LoadEstimate {
  /** Every tensor as float32 (how the engine holds it), largest first. */
  perTensor: { name: string; bytes: number }[];
  /** Base and every task as float32. */
  checkpointBytes: number;
  /** What the decomposition adds (task vector, shared and unique part per task). */
  decompositionBytes: number;
  totalBytes: number;
  /** One sentence per limit that is exceeded; empty when it fits. */
  problems: string[];
}

/**
 * Before any tensor is downloaded: what loading `tasks` fine-tunes of this model and decomposing
 * them will hold, checked against the device. A LoRA task holds only its factors, so `taskBytes`
 * lets a caller count adapters at their own size.
 */
export function estimateLoad(tensors: TensorShape[], tasks: number, limits: DeviceLimits, taskBytes?: number): LoadEstimate {
  const perTensor = tensors.map((t) => ({ name: t.name, bytes: numel(t.shape) * 4 })).sort((a, b) => b.bytes - a.bytes);
  const modelBytes = perTensor.reduce((n, t) => n + t.bytes, 0);
  const checkpointBytes = modelBytes + (taskBytes ?? tasks * modelBytes);
  const decompositionBytes = taskBytes === undefined ? estimateDecompositionBytes(tensors.map((t) => t.shape), tasks) : 3 * taskBytes;
  const totalBytes = checkpointBytes + decompositionBytes;
  const problems: string[] = [];
  const largest = perTensor[0];
  if (largest && largest.bytes > limits.arrayBufferMax)
    problems.push(`tensor ${largest.name} needs ${formatBytes(largest.bytes)} as float32, more than one browser buffer holds (${formatBytes(limits.arrayBufferMax)})`);
  if (largest && limits.backend === 'webgpu' && limits.maxStorageBufferBindingSize && largest.bytes > limits.maxStorageBufferBindingSize)
    problems.push(
      `tensor ${largest.name} needs ${formatBytes(largest.bytes)}, more than this GPU binds in one buffer (${formatBytes(limits.maxStorageBufferBindingSize)}): switch the backend to wasm`,
    );
  // wasm holds one tensor of every task at a time (plus products of the same size).
  const perStep = largest ? largest.bytes * (2 * tasks + 2) : 0;
  if (limits.backend === 'wasm' && perStep > limits.wasmMemoryMax)
    problems.push(`decomposing ${largest.name} for ${tasks} tasks needs about ${formatBytes(perStep)} of wasm memory, more than its ${formatBytes(limits.wasmMemoryMax)}`);
  if (totalBytes > limits.tabBudget)
    problems.push(`the checkpoints and the decomposition need about ${formatBytes(totalBytes)}, more than this tab allows (${formatBytes(limits.tabBudget)})`);
  return { perTensor, checkpointBytes, decompositionBytes, totalBytes, problems };
}

/** The refusal, in words, with what to do instead; null when it fits. */
export function describeRefusal(e: LoadEstimate): string | null {
  if (!e.problems.length) return null;
  return `This will not fit: ${e.problems.join('; ')}. Load fewer fine-tunes or a smaller model, or run \`npm run tvlab -- decompose\` on the command line.`;
}
