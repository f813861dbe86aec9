/** The data recipe of the style demo: every count and seed in one place (shipped in the manifest). */
import { STYLE_NAMES, type StyleName } from '../../lib/datasets/style/styles';

export const STYLE_DATA = {
  seed: 5,
  /** Icons (= classes of the denoiser). */
  icons: 200,
  /** Jittered renders per icon in each training set. */
  variants: 12,
  /** Icons per style fine-tune; style i uses icons [i*n, (i+1)*n), disjoint from every other style. */
  finetuneIcons: 32,
  /** Maximum offset in px and stroke-width spread of the jitter. */
  jitterPx: 1,
  strokeSpread: 0.1,
} as const;

/** Icon indices a style fine-tunes on. */
export const finetuneClasses = (style: StyleName): number[] => {
  const i = STYLE_NAMES.indexOf(style), n = STYLE_DATA.finetuneIcons;
  return Array.from({ length: n }, (_, k) => i * n + k);
};

/** Icons no fine-tune sees: evaluation and the page's sample grids use these. */
export const evalClasses = (): number[] => {
  const from = STYLE_NAMES.length * STYLE_DATA.finetuneIcons;
  return Array.from({ length: STYLE_DATA.icons - from }, (_, k) => from + k);
};
