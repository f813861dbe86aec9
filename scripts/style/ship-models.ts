/** Writes the shipped fp16 family, the ground-truth renders of the eval icons and the manifest. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSet } from '../../lib/datasets/style/dataset';
import { evalClasses, STYLE_DATA } from '../../data-gen/style/recipe';
import { STYLE_NAMES, STYLE_TITLES, type StyleName } from '../../lib/datasets/style/styles';
import type { DitConfig } from '../../lib/models/tiny-dit';
import { calibrate, meanStats, type StyleStats } from '../../lib/style/scores';
import type { StyleManifest } from '../../lib/style/style-manifest';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { finetuneClasses } from '../../data-gen/style/recipe';
import { STYLE_TRAIN } from './train-config';

interface ShipOptions {
  ckptDir: string;
  outDir: string;
  dataDir: string;
  quick: boolean;
  log: (m: string) => void;
  load: (name: string) => WeightSet;
  config: DitConfig;
  steps: { base: number; finetune: Record<string, number> };
}

export const SAMPLER_DEFAULTS = { steps: 24, guidance: 2 };

export async function shipStyleModels(o: ShipOptions): Promise<void> {
  mkdirSync(o.outDir, { recursive: true });
  const files: StyleManifest['files'] = {};
  const put = (file: string, bytes: Uint8Array) => {
    writeFileSync(join(o.outDir, file), bytes);
    files[file] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  };
  const set = (name: string) => decodeSet(new Uint8Array(readFileSync(join(o.dataDir, `${name}.bin`))));
  const index = JSON.parse(readFileSync(join(o.dataDir, 'index.json'), 'utf8')) as { icons: string[] };

  const base = o.load('base.safetensors');
  put('base.safetensors', writeSafetensors(base, { dtype: 'F16', metadata: { role: 'base', format: 'tiny-dit' } }));
  const styles: StyleManifest['styles'] = [];
  for (const s of STYLE_NAMES) {
    const ft = o.load(`ft-${s}.safetensors`);
    put(`style-${s}.safetensors`, writeSafetensors(ft, { dtype: 'F16', metadata: { role: 'finetune', style: s, format: 'tiny-dit' } }));
    styles.push({ name: s, title: STYLE_TITLES[s], file: `style-${s}.safetensors`, steps: Number(ft.metadata?.steps ?? 0), finetuneIcons: finetuneClasses(s).map((c) => index.icons[c]), seconds: Number(ft.metadata?.seconds ?? 0), loss: Number(ft.metadata?.loss ?? NaN) });
  }

  // Calibration: plain training renders -> 0, each style's training renders -> 1.
  const baseSet = set('base-train');
  const styled = Object.fromEntries(STYLE_NAMES.map((s) => [s, ((d) => meanStats(d.images, d.count))(set(`${s}-train`))])) as Record<StyleName, StyleStats>;
  const calibration = calibrate(meanStats(baseSet.images, baseSet.count), styled);

  const combos = ['plain', ...STYLE_NAMES.map((s) => s as string)];
  for (let a = 0; a < STYLE_NAMES.length; a++) for (let b = a + 1; b < STYLE_NAMES.length; b++) combos.push(`${STYLE_NAMES[a]}+${STYLE_NAMES[b]}`);
  const gt = new Uint8Array(combos.length * evalClasses().length * 768);
  combos.forEach((c, i) => gt.set(set(`gt-${c}`).images, i * evalClasses().length * 768));
  put('ground-truth.bin', gt);

  const manifest: StyleManifest = {
    format: 'task-vector-lab/style-family@1',
    architecture: { family: 'tiny-dit', ...o.config },
    dtype: 'F16',
    base: 'base.safetensors',
    styles,
    icons: index.icons,
    evalClasses: evalClasses(),
    groundTruth: { file: 'ground-truth.bin', combos },
    calibration,
    sampler: SAMPLER_DEFAULTS,
    data: { recipe: STYLE_DATA, source: '@tabler/icons outline SVGs (MIT), rendered with @resvg/resvg-js', command: 'npm run data:style' },
    training: {
      ...STYLE_TRAIN,
      stepsPlanned: o.steps,
      baseStepsReached: Number(base.metadata?.stepsReached ?? base.metadata?.step ?? 0),
      baseLoss: Number(base.metadata?.loss ?? NaN),
      seconds: { base: Number(base.metadata?.seconds ?? 0), finetunes: styles.reduce((a, s) => a + s.seconds, 0) },
      backend: 'tfjs-wasm, one core',
      command: 'npm run train:style',
      quick: o.quick,
    },
    files,
  };
  writeFileSync(join(o.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  o.log(`shipped ${Object.keys(files).length} files, ${(Object.values(files).reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(2)} MB`);
}
