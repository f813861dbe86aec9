/**
 * npm run ship:detox: the evaluated v2 models to the page. Copies base, toxic and benign (fp16
 * safetensors, written by npm run train:detox to checkpoints/detox/v2/models/) into
 * public/models/detox/ with a manifest the page's loader checks (sha256 and size per file), the
 * hashed word lists (and the v3 scorers) and the test prompts of the live measure; removes v1's
 * eval.json (the page reads docs/results/detox.json). `-- --word-lists-only` rewrites only the
 * hashed lists, beside models that stay as shipped. Refuses models that
 * npm run eval:detox has not measured, and a folder over the 8 MB budget.
 * DETOX_MODEL_DIR, DETOX_SHIP_DIR and DETOX_RESULTS (a detox.json) override the inputs and the
 * output folder; a dry run's detox.json ships only to a folder other than public/models/detox.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DATA_DIR, CHECKPOINT_DIR, MODEL_DIR, writeWordListHashes } from '../../data-gen/detox/paths';
import { promptsOf } from '../../lib/demos/detox/dataset/templates';
import { DETOX_MODELS } from '../../lib/demos/detox/load-models';
import type { ScorerLists } from '../../data-gen/detox/scorer-lists';
import { packModelFolder } from '../pack-models';

/** What one page may download for the detox demo. */
export const SHIP_BUDGET_BYTES = 8 * 1024 * 1024;

export interface ShipOptions {
  from: string;
  to: string;
  /** The clear word lists (data/detox/words.json); only their salted hashes are shipped. */
  words: { train: string[]; heldout: string[] };
  /** data/detox/scorers.json: the v3 scorer lists, shipped as hashes beside the word lists. */
  scorers?: ScorerLists;
  /** docs/results/detox.json: the models must have been measured; its premise and primary comparison go into the manifest. */
  results: { status: string; premise?: unknown; primary?: unknown; models?: unknown };
}

export function shipDetox(o: ShipOptions): { bytes: number; files: string[] } {
  // A dry run's stand-in models may be shipped to a scratch folder, never to the page's.
  const dryRunElsewhere = o.results.status === 'dry run' && o.to !== MODEL_DIR;
  if (o.results.status !== 'measured' && !dryRunElsewhere) throw new Error(`docs/results/detox.json says "${o.results.status}": run npm run eval:detox on these models first`);
  const trained = JSON.parse(readFileSync(`${o.from}/manifest.json`, 'utf8'));
  mkdirSync(o.to, { recursive: true });
  const files: Record<string, { sha256: string; bytes: number }> = {};
  for (const name of DETOX_MODELS) {
    const bytes = readFileSync(`${o.from}/${name}.safetensors`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (trained.files?.[`${name}.safetensors`] && trained.files[`${name}.safetensors`].sha256 !== sha256) throw new Error(`${o.from}/${name}.safetensors does not match its manifest`);
    writeFileSync(`${o.to}/${name}.safetensors`, bytes);
    files[`${name}.safetensors`] = { sha256, bytes: bytes.length };
  }
  writeWordListHashes(o.words, o.to, o.scorers);
  const manifest = {
    ...trained,
    files,
    wordLists: 'word-lists.json: salted FNV-1a hashes of the fine-tune words (train), the base-only words (heldout) and the v3 scorers (fineTune, independent)',
    livePrompts: promptsOf('test'),
    metrics: { premise: o.results.premise, primary: o.results.primary, models: o.results.models },
    evaluation: 'docs/results/detox.json (npm run eval:detox), served as /data/detox/results.json',
  };
  writeFileSync(`${o.to}/manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
  packModelFolder(o.to); // the pages fetch <file>.packed: fewer bytes, the same tensors
  rmSync(`${o.to}/eval.json`, { force: true });
  const shipped = [...Object.keys(files), 'word-lists.json', 'manifest.json'];
  const bytes = shipped.reduce((n, f) => n + readFileSync(`${o.to}/${f}`).length, 0);
  if (bytes > SHIP_BUDGET_BYTES) throw new Error(`the detox models take ${bytes} bytes, over the ${SHIP_BUDGET_BYTES}-byte budget`);
  return { bytes, files: shipped };
}

if (process.argv[1]?.endsWith('ship.ts') && process.argv.includes('--word-lists-only')) {
  // The v3 scorers for the page's live measure, next to models that stay as shipped.
  const to = process.env.DETOX_SHIP_DIR ?? MODEL_DIR;
  writeWordListHashes(JSON.parse(readFileSync(`${DATA_DIR}/words.json`, 'utf8')), to, JSON.parse(readFileSync(`${DATA_DIR}/scorers.json`, 'utf8')));
  console.log(`wrote ${to}/word-lists.json (hashes of the word lists and the v3 scorers)`);
} else if (process.argv[1]?.endsWith('ship.ts')) {
  const from = process.env.DETOX_MODEL_DIR ?? `${CHECKPOINT_DIR}/v2/models`;
  const to = process.env.DETOX_SHIP_DIR ?? MODEL_DIR;
  if (!existsSync(`${from}/manifest.json`)) throw new Error(`no trained models in ${from}: run npm run train:detox first`);
  const r = shipDetox({ from, to, words: JSON.parse(readFileSync(`${DATA_DIR}/words.json`, 'utf8')), scorers: JSON.parse(readFileSync(`${DATA_DIR}/scorers.json`, 'utf8')), results: JSON.parse(readFileSync(process.env.DETOX_RESULTS ?? 'docs/results/detox.json', 'utf8')) });
  console.log(`shipped ${r.files.join(', ')} to ${to}: ${(r.bytes / 1e6).toFixed(2)} MB (budget 8 MiB = ${(SHIP_BUDGET_BYTES / 1e6).toFixed(2)} MB)`);
}
