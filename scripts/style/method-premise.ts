/**
 * npm run premise:style [-- --models public/models/style | -- --checkpoints] [-- --out checkpoints/style-eval/method-premise.json] [-- --side left|right --energy 0.9 --eta 0.85]
 * The method's premise on the shipped (or given) style models: per combination of styles (pairs and
 * the triple) and family, the share of each style vector's house change that lies in the shared
 * subspace Z, pooled over all matrices, against chance (s/d), and the shared dimension per matrix
 * against random subspaces of the same ranks (scripts/style/premise-share.ts). Planted: Z from the
 * planted task vectors; sibling: Z from the sibling's (which carry no house change, so its share
 * should sit at chance).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { STYLE_FAMILIES, STYLE_NAMES } from '../../lib/demos/style/dataset/styles';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { finetuneFile } from './train-config';
import type { StyleManifest } from '../../lib/demos/style/style-manifest';
import { readSafetensors } from '../../lib/tensors/safetensors';
import { DECOMPOSITION } from './eval-family';
import { comboShare, pooledShare, type ComboShare, type PremiseOptions } from './premise-share';

const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const modelsDir = arg('--models', process.argv.includes('--checkpoints') ? 'checkpoints/style' : 'public/models/style'), out = arg('--out', 'checkpoints/style-eval/method-premise.json');
/**
 * The method premise holds when the planted family's pooled share is at least this and its 95%
 * interval lies above the chance level (docs/style-protocol.md).
 */
export const METHOD_PREMISE_THRESHOLD = 0.5;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

interface PremiseModels { base: WeightSet; names: string[]; planted: WeightSet[]; sibling: WeightSet[] }

/** A shipped (or candidate) model folder. */
function fromFolder(dir: string): PremiseModels {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as StyleManifest;
  const read = (f: string) => readSafetensors(readFileSync(join(dir, f)));
  return { base: read(manifest.base), names: manifest.styles.map((s) => s.name), planted: manifest.styles.map((s) => read(s.file)), sibling: manifest.sibling.styles.map((s) => read(s.file)) };
}

/** The training checkpoints (float32), with the styles both families have finished: a look before shipping. */
function fromCheckpoints(dir: string): PremiseModels {
  const read = (f: string) => readSafetensors(readFileSync(join(dir, f)));
  const names = STYLE_NAMES.filter((s) => STYLE_FAMILIES.every((f) => existsSync(join(dir, finetuneFile(f, s)))));
  return { base: read('base.safetensors'), names, planted: names.map((s) => read(finetuneFile('planted', s))), sibling: names.map((s) => read(finetuneFile('sibling', s))) };
}

export async function measureMethodPremise(dir: string, decomposition: PremiseOptions = { ...DECOMPOSITION, side: 'left' }, source: 'folder' | 'checkpoints' = 'folder') {
  const { base, names, ...models } = source === 'folder' ? fromFolder(dir) : fromCheckpoints(dir);
  const combos: number[][] = [];
  for (let a = 0; a < names.length; a++) for (let b = a + 1; b < names.length; b++) combos.push([a, b]);
  if (names.length > 2) combos.push(names.map((_, i) => i));
  const result: Record<string, { combos: ComboShare[]; pairs: ReturnType<typeof pooledShare>; chance: number }> = {};
  for (const family of STYLE_FAMILIES) {
    const rows: ComboShare[] = [];
    for (const c of combos) {
      const pick = <T>(xs: T[]) => c.map((i) => xs[i]);
      rows.push(await comboShare(base, pick(models[family]), pick(models.planted), pick(models.sibling), pick(names), decomposition));
    }
    const pairs = rows.filter((r) => r.styles.length === 2);
    const chance = pairs.reduce((s, r) => s + r.chance, 0) / pairs.length;
    result[family] = { combos: rows, pairs: pooledShare(pairs), chance };
  }
  const planted = result.planted.pairs;
  return {
    metric: 'share of each style vector’s house change (planted minus sibling fine-tune) inside the shared subspace, pooled over all matrices and the three pairs; 95% interval over matrices',
    value: planted.estimate, ci95: planted.ci95, threshold: METHOD_PREMISE_THRESHOLD, holds: planted.estimate >= METHOD_PREMISE_THRESHOLD && planted.ci95[0] > result.planted.chance,
    chance: result.planted.chance,
    sibling: { value: result.sibling.pairs.estimate, ci95: result.sibling.pairs.ci95, chance: result.sibling.chance },
    decomposition,
    families: result,
  };
}

export type MethodPremise = Awaited<ReturnType<typeof measureMethodPremise>>;

async function main() {
  const r = await measureMethodPremise(modelsDir, {
    energy: Number(arg('--energy', String(DECOMPOSITION.energy))), eta: Number(arg('--eta', String(DECOMPOSITION.eta))), side: arg('--side', 'left') as 'left' | 'right',
  }, process.argv.includes('--checkpoints') ? 'checkpoints' : 'folder');
  for (const family of STYLE_FAMILIES) {
    console.log(`\n${family}: pooled share over pairs ${pct(r.families[family].pairs.estimate)} [${r.families[family].pairs.ci95.map(pct).join(', ')}], chance ${pct(r.families[family].chance)}`);
    for (const c of r.families[family].combos) {
      console.log(`  ${c.styles.join('+')}: share ${c.share.map(pct).join(' / ')} (pooled ${pct(c.pooled)}, chance ${pct(c.chance)}); house energy in 1-D tensors ${c.vectorShare.map(pct).join(' / ')}; house part of ||τ||² ${c.houseOfTau.map(pct).join(' / ')}${c.houseCosine === null ? '' : `, cosine of the house parts ${c.houseCosine.toFixed(2)}`}; above p95 null ${c.layers.filter((l) => l.sharedDim > l.chanceP95).length}/${c.layers.length}`);
      for (const l of c.layers)
        console.log(`    ${l.name.padEnd(28)} d ${String(l.dim).padStart(3)} r ${l.ranks.join(',').padEnd(10)} s ${String(l.sharedDim).padStart(2)} (null ${l.chanceMean.toFixed(1)}, p95 ${l.chanceP95}) house ${l.houseEnergy.map((e) => e.toExponential(1)).join(',')} in Z ${l.inShared.map((e, i) => pct(e / Math.max(1e-30, l.houseEnergy[i]))).join(',')}`);
    }
  }
  console.log(`\nmethod premise (planted pairs): ${pct(r.value)} [${r.ci95.map(pct).join(', ')}] vs threshold ${pct(r.threshold)}: ${r.holds ? 'holds' : 'does not hold'}; sibling ${pct(r.sibling.value)} (chance ${pct(r.sibling.chance)})`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(r, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('method-premise.ts')) main().catch((e) => (console.error(e), process.exit(1)));
