/** Writes the shipped fp16 families, the ground-truth renders of the test icons and the manifest. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSet } from '../../lib/demos/style/dataset/dataset';
import { comboName } from '../../data-gen/style/make-sets';
import { evalClasses, finetuneClasses, groundTruthCombos, STYLE_DATA, validationClasses } from '../../data-gen/style/recipe';
import { HOUSE, STYLE_NAMES, STYLE_TITLES, type StyleFamilyName, type StyleName } from '../../lib/demos/style/dataset/styles';
import type { DitConfig } from '../../lib/models/tiny-dit';
import { calibrate, meanStats, type StyleStats } from '../../lib/demos/style/scores';
import type { StyleFamilyFiles, StyleManifest } from '../../lib/demos/style/style-manifest';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { finetuneFile, HOUSE_FILE, STYLE_TRAIN } from './train-config';
import { packModelFolder } from '../pack-models';

interface ShipOptions {
  ckptDir: string;
  outDir: string;
  dataDir: string;
  quick: boolean;
  log: (m: string) => void;
  load: (name: string) => WeightSet;
  config: DitConfig;
}

/** 12 Euler steps: half the cost of 24, so the evaluation can afford 72 icons x 8 seeds on a shared machine. */
export const SAMPLER_DEFAULTS = { steps: 12, guidance: 2 };

export async function shipStyleModels(o: ShipOptions): Promise<void> {
  mkdirSync(o.outDir, { recursive: true });
  const files: StyleManifest['files'] = {};
  const put = (file: string, bytes: Uint8Array) => {
    writeFileSync(join(o.outDir, file), bytes);
    files[file] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  };
  const set = (name: string) => decodeSet(new Uint8Array(readFileSync(join(o.dataDir, `${name}.bin`))));
  const index = JSON.parse(readFileSync(join(o.dataDir, 'index.json'), 'utf8')) as { icons: string[] };

  const base = o.load('base.safetensors'), houseStage = o.load(HOUSE_FILE);
  put('base.safetensors', writeSafetensors(base, { dtype: 'F16', metadata: { role: 'base', format: 'tiny-dit' } }));

  const combos = groundTruthCombos().map(comboName), per = evalClasses().length * 768;
  const family = (f: StyleFamilyName): StyleFamilyFiles => {
    const styles = STYLE_NAMES.map((s) => {
      const ft = o.load(finetuneFile(f, s)), file = `${f}-${s}.safetensors`;
      put(file, writeSafetensors(ft, { dtype: 'F16', metadata: { role: 'finetune', family: f, style: s, format: 'tiny-dit' } }));
      return { name: s, title: STYLE_TITLES[s], file, steps: Number(ft.metadata?.steps ?? 0), finetuneIcons: finetuneClasses(s).map((c) => index.icons[c]), seconds: Number(ft.metadata?.seconds ?? 0), loss: Number(ft.metadata?.loss ?? NaN) };
    });
    const gt = new Uint8Array(combos.length * per);
    combos.forEach((c, i) => gt.set(set(`${f}/gt-test-${c}`).images, i * per));
    put(`${f}-ground-truth.bin`, gt);
    return { styles, groundTruth: { file: `${f}-ground-truth.bin`, combos } };
  };
  const planted = family('planted'), sibling = family('sibling');

  // One calibration for both families: plain training renders -> 0, each style's renders without the house change -> 1.
  const baseSet = set('base-train');
  const styled = Object.fromEntries(STYLE_NAMES.map((s) => [s, ((d) => meanStats(d.images, d.count))(set(`sibling/${s}-train`))])) as Record<StyleName, StyleStats>;
  const calibration = calibrate(meanStats(baseSet.images, baseSet.count), styled);
  const seconds = (fam: StyleFamilyFiles) => fam.styles.reduce((a, s) => a + s.seconds, 0);

  const manifest: StyleManifest = {
    format: 'task-vector-lab/style-family@2',
    architecture: { family: 'tiny-dit', ...o.config },
    dtype: 'F16',
    base: 'base.safetensors',
    family: 'planted',
    house: { ...HOUSE },
    ...planted,
    sibling,
    icons: index.icons,
    evalClasses: evalClasses(),
    validationClasses: validationClasses(),
    calibration,
    sampler: SAMPLER_DEFAULTS,
    data: { recipe: STYLE_DATA, source: '@tabler/icons outline SVGs (MIT), rendered with @resvg/resvg-js', command: 'npm run data:style' },
    training: {
      ...STYLE_TRAIN,
      baseStepsReached: Number(base.metadata?.stepsReached ?? base.metadata?.step ?? 0),
      baseLoss: Number(base.metadata?.loss ?? NaN),
      seconds: { base: Number(base.metadata?.seconds ?? 0), house: Number(houseStage.metadata?.seconds ?? 0), finetunes: seconds(planted) + seconds(sibling), planted: seconds(planted), sibling: seconds(sibling) },
      // v3: every planted style starts from this house fine-tune (not shipped: it is inside each planted style vector).
      houseStage: { file: HOUSE_FILE, steps: Number(houseStage.metadata?.steps ?? 0), loss: Number(houseStage.metadata?.loss ?? NaN) },
      backend: 'tfjs-wasm, one core',
      command: 'npm run train:style',
      quick: o.quick,
    },
    files,
  };
  writeFileSync(join(o.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  packModelFolder(o.outDir); // the page fetches <file>.packed: fewer bytes, the same tensors
  o.log(`shipped ${Object.keys(files).length} files, ${(Object.values(files).reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(2)} MB`);
}
