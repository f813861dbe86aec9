/**
 * npx tsx scripts/style/explore-premise.ts [models dir]
 * Exploratory check behind the premise's redefinition (docs/style-models.md, "Premise"): on the
 * validation icons x seeds 100, 101, per pair and family, the naive sum minus the mean of the single
 * styles in three candidate measures: ΔE over the two outer rings (the first definition), ΔE over
 * the unstyled pixels alone, and the house dose (lib/demos/style/house-dose.ts).
 */
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSet } from '../../lib/demos/style/dataset/dataset';
import { DitSession } from '../../lib/onnx/dit-session';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { deltaEMap, isBorder } from '../../lib/demos/style/colour-error';
import { houseDose, houseMask } from '../../lib/demos/style/house-dose';
import type { StyleManifest } from '../../lib/demos/style/style-manifest';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { sampleGrid } from './eval-sampling';

const modelsDir = process.argv[2] ?? 'public/models/style';
const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
/** θ₀ + τ_A + τ_B = A + B - θ₀, tensor by tensor. */
const naiveSum = (base: WeightSet, a: WeightSet, b: WeightSet): WeightSet => ({
  tensors: Object.fromEntries(Object.entries(base.tensors).map(([k, t]) => [k, { shape: t.shape, data: t.data.map((v, i) => a.tensors[k].data[i] + b.tensors[k].data[i] - v) }])),
});

async function main() {
  const manifest = JSON.parse(readFileSync(join(modelsDir, 'manifest.json'), 'utf8')) as StyleManifest;
  const read = (f: string) => readSafetensors(readFileSync(join(modelsDir, f)));
  const base = read(manifest.base);
  const session = await DitSession.create(ort as unknown as OrtModule, manifest.architecture, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const g = { classes: manifest.validationClasses, seeds: [100, 101] }, S = g.seeds.length;
  const gt = (fam: string, combo: string) => decodeSet(new Uint8Array(readFileSync(`data/style/${fam}/gt-val-${combo}.bin`))).images;
  const sample = (ws: WeightSet) => sampleGrid(session, ws, manifest.architecture, g, manifest.sampler);
  for (const fam of ['planted', 'sibling'] as const) {
    const tasks = Object.fromEntries((fam === 'planted' ? manifest : manifest.sibling).styles.map((s) => [s.name, read(s.file)]));
    const names = Object.keys(tasks), singles: Record<string, Uint8Array> = {};
    for (const s of names) singles[s] = await sample(tasks[s]);
    for (let a = 0; a < names.length; a++)
      for (let b = a + 1; b < names.length; b++) {
        const A = names[a], B = names[b], combo = `${A}+${B}`;
        const naive = await sample(naiveSum(base, tasks[A], tasks[B]));
        const plain = gt('sibling', combo), house = gt('planted', combo);
        const rows: { border: number[]; unstyled: number[]; dose: number[] } = { border: [], unstyled: [], dose: [] };
        g.classes.forEach((_, i) => {
          const mask = houseMask(plain, i);
          for (let s = 0; s < S; s++) {
            const k = i * S + s;
            const measure = (img: Uint8Array, truth: Uint8Array) => {
              const m = deltaEMap(img, truth, k, i), border: number[] = [], unstyled: number[] = [];
              m.forEach((e, p) => (isBorder(p) && border.push(e), mask[p] && unstyled.push(e)));
              return [mean(border), mean(unstyled), houseDose(img, k, plain, house, i, mask)];
            };
            const n = measure(naive, gt(fam, combo)), sa = measure(singles[A], gt(fam, A)), sb = measure(singles[B], gt(fam, B));
            (['border', 'unstyled', 'dose'] as const).forEach((key, j) => rows[key].push(n[j] - (sa[j] + sb[j]) / 2));
          }
        });
        console.log(`${fam} ${combo}: border ΔE ${mean(rows.border).toFixed(2)}, unstyled-pixel ΔE ${mean(rows.unstyled).toFixed(2)}, house dose ${(100 * mean(rows.dose)).toFixed(1)}% (naive sum minus singles, ${rows.dose.length} cells)`);
      }
  }
  await session.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
