/** The style demo's manifest (public/models/style/manifest.json) and browser-side loading. Pure TypeScript. */
import type { StyleName } from '../datasets/style/styles';
import type { DitConfig } from '../models/tiny-dit';
import { readSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import type { StyleCalibration } from './scores';

export interface StyleManifest {
  format: 'task-vector-lab/style-family@1';
  architecture: { family: 'tiny-dit' } & DitConfig;
  dtype: 'F16';
  base: string;
  styles: { name: StyleName; title: string; file: string; steps: number; finetuneIcons: string[]; seconds: number; loss: number }[];
  /** Icon name per class index. */
  icons: string[];
  /** Classes no fine-tune saw: the page and the evaluation sample these. */
  evalClasses: number[];
  /** Ground-truth renders of the eval icons, raw RGB: combos.length x evalClasses.length x 768 bytes. */
  groundTruth: { file: string; combos: string[] };
  calibration: StyleCalibration;
  sampler: { steps: number; guidance: number };
  data: Record<string, unknown>;
  training: Record<string, unknown>;
  files: Record<string, { sha256: string; bytes: number }>;
}

export interface StyleFamily {
  manifest: StyleManifest;
  base: WeightSet;
  styles: Record<string, WeightSet>;
  /** Ground truth by combo key ("plain", "red", "red+bold", ...): evalClasses.length images. */
  groundTruth: Record<string, Uint8Array>;
}

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; json(): Promise<unknown> }>;

/** Combo key in the canonical style order, so "bold+red" and "red+bold" meet. */
export const comboKey = (styles: readonly StyleName[], order: readonly StyleName[]): string =>
  styles.length === 0 ? 'plain' : [...styles].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join('+');

export async function loadStyleFamily(baseUrl: string, fetchFn: Fetch = fetch as unknown as Fetch): Promise<StyleFamily> {
  const get = async (file: string) => {
    const r = await fetchFn(`${baseUrl}/${file}`);
    if (!r.ok) throw new Error(`${baseUrl}/${file}: HTTP ${r.status}`);
    return r;
  };
  const manifest = (await (await get('manifest.json')).json()) as StyleManifest;
  const read = async (file: string) => readSafetensors(await (await get(file)).arrayBuffer());
  const [base, gt, ...styles] = await Promise.all([
    read(manifest.base),
    get(manifest.groundTruth.file).then((r) => r.arrayBuffer()),
    ...manifest.styles.map((s) => read(s.file)),
  ]);
  const per = manifest.evalClasses.length * 768, bytes = new Uint8Array(gt);
  const groundTruth = Object.fromEntries(manifest.groundTruth.combos.map((c, i) => [c, bytes.slice(i * per, (i + 1) * per)]));
  return { manifest, base, styles: Object.fromEntries(manifest.styles.map((s, i) => [s.name, styles[i]])), groundTruth };
}
