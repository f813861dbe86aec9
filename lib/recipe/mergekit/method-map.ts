// mergekit's task-vector merge methods and the recipe method each becomes. mergekit builds them all
// from one generalized task arithmetic (merge_methods/registry.py): a sparsifier, an optional sign
// consensus (by mass, "sum"), and defaults for normalize and rescale. The table keeps those defaults,
// because a config that leaves them out means them.

export type MergekitSparsifier = 'none' | 'magnitude' | 'random' | 'outliers' | 'della';

export interface MergekitMethod {
  /** mergekit's merge_method. */
  name: string;
  /** The recipe method it maps onto. */
  method: 'task_arithmetic' | 'ties' | 'dare' | 'breadcrumbs' | 'della';
  sparsify: MergekitSparsifier;
  consensus: boolean;
  defaultNormalize: boolean;
  defaultRescale: boolean;
}

export const MERGEKIT_METHODS: readonly MergekitMethod[] = [
  { name: 'task_arithmetic', method: 'task_arithmetic', sparsify: 'none', consensus: false, defaultNormalize: false, defaultRescale: false },
  { name: 'ties', method: 'ties', sparsify: 'magnitude', consensus: true, defaultNormalize: true, defaultRescale: false },
  { name: 'dare_ties', method: 'dare', sparsify: 'random', consensus: true, defaultNormalize: false, defaultRescale: true },
  { name: 'dare_linear', method: 'dare', sparsify: 'random', consensus: false, defaultNormalize: false, defaultRescale: true },
  { name: 'breadcrumbs', method: 'breadcrumbs', sparsify: 'outliers', consensus: false, defaultNormalize: false, defaultRescale: false },
  { name: 'breadcrumbs_ties', method: 'breadcrumbs', sparsify: 'outliers', consensus: true, defaultNormalize: false, defaultRescale: false },
  { name: 'della', method: 'della', sparsify: 'della', consensus: true, defaultNormalize: true, defaultRescale: true },
  { name: 'della_linear', method: 'della', sparsify: 'della', consensus: false, defaultNormalize: false, defaultRescale: true },
];

/** mergekit methods this project has no counterpart for (named in refusals so users know it is not a typo). */
export const MERGEKIT_UNMAPPED = ['slerp', 'nuslerp', 'multislerp', 'karcher', 'sce', 'nearswap', 'arcee_fusion', 'passthrough'];

/** Methods outside the generalized family, with the global parameters each takes (no per-model weights). */
export const MERGEKIT_OTHER: Record<string, readonly string[]> = {
  linear: ['normalize'],
  model_stock: ['filter_wise'],
  ram: ['epsilon'],
  ramplus_tl: ['epsilon', 'r', 'alpha'],
};
