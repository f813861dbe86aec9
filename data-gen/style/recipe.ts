/** The data recipe of the style demo: every count and seed in one place (shipped in the manifest). */
import { STYLE_NAMES, type StyleName } from '../../lib/demos/style/dataset/styles';

export const STYLE_DATA = {
  seed: 5,
  /** Icons (= classes of the denoiser); the base saw all of them, plain. */
  icons: 200,
  /** Jittered renders per icon in each training set. */
  variants: 12,
  /** Renders per icon in the planted family's house set (84 icons x 4 = 336, the size of a style set). */
  houseVariants: 4,
  /** Icons per style fine-tune; style i uses icons [i*n, (i+1)*n), disjoint from every other style. */
  finetuneIcons: 28,
  /** Icons that tune coefficients (c, gamma); no fine-tune saw them. */
  validationIcons: 16,
  /** The last icons: the test split. Icons between the fine-tuning and the validation ones are in no set but the base's. */
  testIcons: 72,
  /** Maximum offset in px and stroke-width spread of the jitter. */
  jitterPx: 1,
  strokeSpread: 0.1,
} as const;

const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);

/** Icon indices a style fine-tunes on (the same in both families). */
export const finetuneClasses = (style: StyleName): number[] => range(STYLE_NAMES.indexOf(style) * STYLE_DATA.finetuneIcons, STYLE_DATA.finetuneIcons);

/** Icons that tune coefficients (just before the test icons): seen by no fine-tune, disjoint from the test icons. */
export const validationClasses = (): number[] => range(STYLE_DATA.icons - STYLE_DATA.testIcons - STYLE_DATA.validationIcons, STYLE_DATA.validationIcons);

/** Test icons: seen by no fine-tune and used for no tuning; the page and the reported numbers use these. */
export const evalClasses = (): number[] => range(STYLE_DATA.icons - STYLE_DATA.testIcons, STYLE_DATA.testIcons);

/** Ground-truth combinations: plain (the base's target), each style, each pair of styles, all three (the three-style mix). */
export function groundTruthCombos(): StyleName[][] {
  const out: StyleName[][] = [[], ...STYLE_NAMES.map((s) => [s])];
  for (let a = 0; a < STYLE_NAMES.length; a++) for (let b = a + 1; b < STYLE_NAMES.length; b++) out.push([STYLE_NAMES[a], STYLE_NAMES[b]]);
  out.push([...STYLE_NAMES]);
  return out;
}
