/** Writes the shipped fp16 family + manifest, and measures accuracies on the fp16 weights the page will load. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageSet } from '../../lib/datasets/merge/dataset';
import { PRETRAIN_CLASSES, TASKS } from '../../data-gen/merge/tasks';
import type { VitConfig } from '../../lib/models/vit';
import type { MergeManifest } from '../../lib/merge/merge-family';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { DATA_RECIPE } from './data-recipe';
import { TRAIN, type TrainConfig } from './train-config';
import { accuracy } from './train-loop';

interface ShipOptions {
  ckptDir: string;
  outDir: string;
  quick: boolean;
  log: (m: string) => void;
  load: (name: string) => WeightSet;
  loadSet: (file: string) => ImageSet;
  config: VitConfig;
  /** The schedule recorded in the manifest (default: v1). */
  train?: TrainConfig;
  steps: { pretrain: number; finetune: number; probe: number };
}

const headOf = (heads: WeightSet, task: string, kind: 'base' | 'finetune'): WeightSet => ({
  tensors: { 'head.weight': heads.tensors[`${task}.${kind}.weight`], 'head.bias': heads.tensors[`${task}.${kind}.bias`] },
});

export async function shipModels(o: ShipOptions): Promise<void> {
  mkdirSync(o.outDir, { recursive: true });
  const files: Record<string, { sha256: string; bytes: number }> = {};
  const write = (file: string, ws: WeightSet, metadata: Record<string, string>): WeightSet => {
    const bytes = writeSafetensors(ws, { dtype: 'F16', metadata });
    writeFileSync(join(o.outDir, file), bytes);
    files[file] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    return readSafetensors(bytes); // the fp16-rounded weights, exactly what the page loads
  };

  const pre = o.load('pretrain-encoder.safetensors');
  const base = write('base.safetensors', pre, { role: 'base', format: 'vit-encoder' });
  const heads: WeightSet = { tensors: {} };
  const seconds = { pretrain: Number(pre.metadata?.seconds ?? 0), probes: 0, finetunes: 0 };
  const encoders: Record<string, WeightSet> = {};
  for (const t of TASKS) {
    const pb = o.load(`probe-${t.name}.safetensors`), ftHead = o.load(`ft-${t.name}-head.safetensors`), ftEnc = o.load(`ft-${t.name}-encoder.safetensors`);
    seconds.probes += Number(pb.metadata?.seconds ?? 0);
    seconds.finetunes += Number(ftEnc.metadata?.seconds ?? 0);
    heads.tensors[`${t.name}.base.weight`] = pb.tensors['head.weight'];
    heads.tensors[`${t.name}.base.bias`] = pb.tensors['head.bias'];
    heads.tensors[`${t.name}.finetune.weight`] = ftHead.tensors['head.weight'];
    heads.tensors[`${t.name}.finetune.bias`] = ftHead.tensors['head.bias'];
    encoders[t.name] = write(`task-${t.name}.safetensors`, ftEnc, { role: 'finetune', task: t.name, format: 'vit-encoder' });
  }
  const shippedHeads = write('heads.safetensors', heads, { role: 'heads', naming: '<task>.<base|finetune>.<weight|bias>' });

  const metrics: MergeManifest['tasks'] = [];
  for (const t of TASKS) {
    const row = { name: t.name, title: t.title, classes: t.classes, encoder: `task-${t.name}.safetensors`, accuracy: { baseHead: { val: 0, test: 0 }, finetune: { val: 0, test: 0 } } };
    for (const split of ['val', 'test'] as const) {
      const set = o.loadSet(`${t.name}-${split}.bin`);
      row.accuracy.baseHead[split] = await accuracy(base, headOf(shippedHeads, t.name, 'base'), set, o.config);
      row.accuracy.finetune[split] = await accuracy(encoders[t.name], headOf(shippedHeads, t.name, 'finetune'), set, o.config);
    }
    o.log(`${t.name}: base+head val ${row.accuracy.baseHead.val.toFixed(3)} test ${row.accuracy.baseHead.test.toFixed(3)} | finetune val ${row.accuracy.finetune.val.toFixed(3)} test ${row.accuracy.finetune.test.toFixed(3)}`);
    metrics.push(row);
  }

  const manifest: MergeManifest = {
    format: 'task-vector-lab/merge-family@1',
    architecture: { family: 'vit', ...o.config },
    dtype: 'F16',
    base: 'base.safetensors',
    heads: 'heads.safetensors',
    headNaming: '<task>.<base|finetune>.<weight|bias>; base = trained on the frozen base encoder, finetune = trained with the encoder',
    pretraining: { task: 'Cyrillic letters (no Latin/Greek look-alikes) in 15 font families', classes: PRETRAIN_CLASSES, images: DATA_RECIPE.pretrainCount },
    tasks: metrics,
    data: { recipe: DATA_RECIPE, index: '/data/merge/index.json', command: 'npm run data:merge' },
    training: { ...(o.train ?? TRAIN), stepsUsed: o.steps, seconds, backend: 'tfjs-wasm, one core', command: 'npm run train:merge', quick: o.quick },
    files,
  };
  writeFileSync(join(o.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  o.log(`shipped ${Object.keys(files).length} files, ${(Object.values(files).reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(2)} MB`);
}
