/**
 * npx tsx scripts/merge/pilot-shift.ts [--blur B --noise N --invert 0|1 --contrast C (default: PLANTED_SHIFT)] [--tasks mnist,latin]
 *   [--steps 200 --batch 32 --lr 2e-3] [--val 200] [--base-only]
 * A cheap check of the planted shift and the fine-tune schedule before spending the full budget: the base
 * encoder with the frozen clean-prototype heads (checkpoints/merge-v3/head-*) on shifted validation images,
 * and optionally a fine-tune of a few tasks under that head with its validation accuracy. Validation only;
 * nothing is written outside /tmp. Used to choose the shift and schedule recorded in docs/merge-models.md.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSet, decodeImageSet, type ImageSet, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { PLANTED_SHIFT, shiftSet, type ShiftOptions } from '../../data-gen/merge/acquisition-shift';
import { TASKS } from '../../data-gen/merge/tasks';
import { readSafetensors } from '../../lib/tensors/safetensors';
import { DATA_RECIPE } from './data-recipe';
import { finetuneFrozenHead } from './finetune-loop';
import { accuracy } from './train-loop';

const arg = (name: string, d: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : d);
const P = PLANTED_SHIFT;
const shift: ShiftOptions = { blur: Number(arg('--blur', String(P.blur))), noise: Number(arg('--noise', String(P.noise))), invert: arg('--invert', P.invert ? '1' : '0') === '1', contrast: Number(arg('--contrast', String(P.contrast ?? 1))) };
const tasks = arg('--tasks', TASKS.map((t) => t.name).join(',')).split(',');
const o = { steps: Number(arg('--steps', '200')), batch: Number(arg('--batch', '32')), lr: Number(arg('--lr', '2e-3')) };
const nVal = Number(arg('--val', '200'));
const ws = (p: string) => readSafetensors(readFileSync(p));
const clean = (task: string, split: string): ImageSet => decodeImageSet(new Uint8Array(readFileSync(join('data/merge/sibling', `${task}-${split}.bin`))));
const first = (s: ImageSet, n: number) => buildSet(Math.min(n, s.count), (i) => [s.images.subarray(i * PIXELS, (i + 1) * PIXELS), s.labels[i]]);

async function main() {
  await tf.setBackend('wasm');
  const base = ws('checkpoints/merge-v3/base.safetensors');
  console.log(`shift ${JSON.stringify(shift)}; schedule ${JSON.stringify(o)}`);
  const rows: string[] = [];
  for (const name of tasks) {
    const ti = TASKS.findIndex((t) => t.name === name), t = TASKS[ti];
    const head = ws(`checkpoints/merge-v3/head-${name}.safetensors`);
    const val = shiftSet(first(clean(name, 'val'), nVal), `${name}-val`, DATA_RECIPE.seed, shift);
    const b = await accuracy(base, head, val);
    let line = `${name}: base val ${b.toFixed(3)}`;
    if (!process.argv.includes('--base-only')) {
      const train = shiftSet(clean(name, 'train'), `${name}-train`, DATA_RECIPE.seed, shift);
      const ckpt = `/tmp/pilot-${name}.resume`;
      rmSync(ckpt, { force: true });
      const r = await finetuneFrozenHead(base, head, train, { ...o, warmup: 20, seed: 1 + ti, classes: t.classes.length, checkpoint: ckpt, every: 1e9, log: (m) => console.log(`  ${name} ${m}`) });
      line += `, fine-tune val ${(await accuracy(r.enc, head, val)).toFixed(3)} (loss ${r.loss.toFixed(3)}, ${r.cpuSeconds.toFixed(0)} CPU-s)`;
    }
    console.log(line);
    rows.push(line);
  }
  console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
