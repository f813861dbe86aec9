// `tvlab decompose` on full checkpoints, one tensor at a time: each tensor is read from every
// file, split, its shared and unique parts appended to the output files, and released before the
// next is read. Memory is about one layer times the number of tasks, whatever the model size.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DecomposeControl,
  type DecomposedTensor,
  decomposeTensors,
  type TensorDiagnostics,
  type TensorSource,
  taskLabel,
} from '../../lib/decompose/decompose-weights';
import type { DecomposeOptions } from '../../lib/decompose/options';
import type { MatmulEngine } from '../../lib/linalg/engine';
import type { CheckpointListing } from '../../lib/sources/open-checkpoint';
import { encodeHeader } from '../../lib/tensors/safetensors';
import { assertCompatible, assertFinite, type WeightSet } from '../../lib/tensors/weight-set';

/** A safetensors file written as tensors arrive: every shape is known up front, so the header goes first. */
class SafetensorsWriter {
  private fd: number;
  constructor(readonly path: string, entries: { name: string; shape: number[] }[], metadata: Record<string, string>) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, encodeHeader(entries, 'F32', metadata).prefix);
  }
  append(data: Float32Array) {
    writeSync(this.fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  close() {
    closeSync(this.fd);
  }
}

/** Names and shapes only, for the compatibility check before anything is read. */
const shapesOnly = (l: CheckpointListing): WeightSet => ({
  tensors: Object.fromEntries(l.tensors.map((t) => [t.name, { shape: t.info.shape, data: new Float32Array(0) }])),
});

function listingSource(base: CheckpointListing, tasks: CheckpointListing[], labels: DecomposeControl['labels']): TensorSource {
  const shapes = new Map(base.tensors.map((t) => [t.name, t.info.shape]));
  return {
    names: base.tensors.map((t) => t.name),
    shape: (name) => shapes.get(name)!,
    async read(name) {
      await new Promise((r) => setImmediate(r)); // lets a Ctrl-C (a macrotask) in between tensors
      const b = await base.read(name);
      assertFinite({ tensors: { [name]: b } }, `base (${labels?.base})`);
      const ts = [];
      for (const [i, t] of tasks.entries()) {
        const tensor = await t.read(name);
        assertFinite({ tensors: { [name]: tensor } }, taskLabel(i, labels));
        ts.push(tensor.data);
      }
      return { base: b.data, tasks: ts };
    },
  };
}

export async function streamDecompose(
  base: CheckpointListing,
  tasks: CheckpointListing[],
  names: { base: string; tasks: string[] },
  options: DecomposeOptions,
  engine: MatmulEngine,
  out: string,
  control: Omit<DecomposeControl, 'labels'>,
): Promise<TensorDiagnostics[]> {
  const labels = { base: names.base, tasks: names.tasks };
  assertCompatible([{ label: `base (${names.base})`, weights: shapesOnly(base) }, ...tasks.map((t, i) => ({ label: taskLabel(i, labels), weights: shapesOnly(t) }))]);
  for (const i of options.over ?? []) {
    if (i >= tasks.length) throw new Error(`decompose: "over" names task ${i + 1} but there are only ${tasks.length} tasks`);
  }
  const entries = base.tensors.map((t) => ({ name: t.name, shape: t.info.shape }));
  const writers = names.tasks.flatMap((task, i) =>
    (['shared', 'unique'] as const).map((part) => ({ task: i, part, file: new SafetensorsWriter(join(out, `task-${i}.${part}.safetensors`), entries, { part, task, base: names.base }) })),
  );
  const diagnostics: TensorDiagnostics[] = [];
  try {
    await decomposeTensors(listingSource(base, tasks, labels), tasks.length, options, engine, { ...control, labels }, (t: DecomposedTensor) => {
      for (const w of writers) w.file.append(t.components.part(w.part, w.task));
      diagnostics.push(t.diagnostics);
    });
  } catch (e) {
    for (const w of writers) {
      w.file.close();
      unlinkSync(w.file.path); // an incomplete file would read as a broken checkpoint
    }
    throw e;
  }
  for (const w of writers) w.file.close();
  return diagnostics;
}
