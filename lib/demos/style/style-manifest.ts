/** The style demo's model folder (public/models/style): its manifest schema and the loader. Pure TypeScript. */
import { z } from 'zod';
import { STYLE_NAMES, type StyleName } from './dataset/styles';
import { type FetchLike, openModelFolder } from '../../manifest/load-manifest';
import { manifestSchema } from '../../manifest/manifest-schema';
import type { DitConfig } from '../../models/tiny-dit';
import { readSafetensors } from '../../tensors/safetensors';
import type { WeightSet } from '../../tensors/weight-set';

const styleName = z.enum(STYLE_NAMES);

const ditArchitecture = z.looseObject({
  family: z.literal('tiny-dit'),
  imageSize: z.number().int(),
  channels: z.number().int(),
  patchSize: z.number().int(),
  width: z.number().int(),
  depth: z.number().int(),
  heads: z.number().int(),
  mlpRatio: z.number(),
  classes: z.number().int(),
  timeFreqs: z.number().int(),
  lnEps: z.number(),
});

/** One family of style fine-tunes over the shared base: its files and its ground-truth renders. */
const familyFiles = {
  styles: z.array(z.object({ name: styleName, title: z.string(), file: z.string(), steps: z.number(), finetuneIcons: z.array(z.string()), seconds: z.number(), loss: z.number() })),
  /** Ground-truth renders of the test icons, raw RGB: combos.length x evalClasses.length x 768 bytes. */
  groundTruth: z.object({ file: z.string(), combos: z.array(z.string()) }),
};

/**
 * The top level is the planted family (fine-tunes with the house change), so a loader that knows
 * one family reads it; `sibling` holds the same styles fine-tuned without the house change.
 */
export const styleManifestSchema = manifestSchema.extend({
  format: z.literal('task-vector-lab/style-family@2'),
  architecture: ditArchitecture,
  dtype: z.literal('F16'),
  base: z.string(),
  ...familyFiles,
  family: z.literal('planted'),
  /** What every fine-tuning render of the planted family carries (docs/style-models.md). */
  house: z.object({ background: z.string() }),
  sibling: z.object(familyFiles),
  /** Icon name per class index. */
  icons: z.array(z.string()),
  /** Test classes: no fine-tune saw them and no coefficient was tuned on them; the page and the evaluation sample these. */
  evalClasses: z.array(z.number().int()),
  /** Classes that tune coefficients (c, gamma) in the evaluation. */
  validationClasses: z.array(z.number().int()),
  calibration: z.record(styleName, z.object({ plain: z.number(), styled: z.number() })),
  sampler: z.object({ steps: z.number().int(), guidance: z.number() }),
  data: z.record(z.string(), z.unknown()),
  training: z.record(z.string(), z.unknown()),
});

export type StyleManifest = z.output<typeof styleManifestSchema> & { architecture: { family: 'tiny-dit' } & DitConfig };
export type StyleFamilyFiles = z.output<z.ZodObject<typeof familyFiles>>;

export interface StyleFamily {
  manifest: StyleManifest;
  base: WeightSet;
  styles: Record<string, WeightSet>;
  /** Ground truth by combo key ("plain", "red", "red+badge", ...): evalClasses.length images. */
  groundTruth: Record<string, Uint8Array>;
}

/** Combo key in the canonical style order, so "badge+red" and "red+badge" meet. */
export const comboKey = (styles: readonly StyleName[], order: readonly StyleName[]): string =>
  styles.length === 0 ? 'plain' : [...styles].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join('+');

/** Ground-truth renders (raw RGB, combos x evalClasses x 768 bytes) split by combo key. */
export function splitGroundTruth(manifest: StyleManifest, gt: ArrayBuffer): Record<string, Uint8Array> {
  const per = manifest.evalClasses.length * 768, bytes = new Uint8Array(gt);
  return Object.fromEntries(manifest.groundTruth.combos.map((c, i) => [c, bytes.slice(i * per, (i + 1) * per)]));
}

/** Loads the planted family from a base URL (e.g. "/models/style"), every file checked against the manifest. */
export async function loadStyleFamily(baseUrl: string, fetchFn?: FetchLike): Promise<StyleFamily> {
  const folder = await openModelFolder(baseUrl, styleManifestSchema, fetchFn);
  const manifest = folder.manifest as StyleManifest;
  const read = async (file: string) => readSafetensors(await folder.read(file));
  const [base, gt, ...styles] = await Promise.all([read(manifest.base), folder.read(manifest.groundTruth.file), ...manifest.styles.map((s) => read(s.file))]);
  return { manifest, base, styles: Object.fromEntries(manifest.styles.map((s, i) => [s.name, styles[i]])), groundTruth: splitGroundTruth(manifest, gt) };
}
