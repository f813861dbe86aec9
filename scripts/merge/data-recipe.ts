/** The data recipe, recorded in the model manifest. */
export const DATA_RECIPE = {
  seed: 1,
  pretrainCount: 22000,
  /** Per task; validation and test come from the same held-out sources (fonts, icons, MNIST samples). */
  counts: { train: 4000, val: 1000, test: 1000 },
  /** The page scores merges live on the first images of each split (labels cycle, so classes stay balanced). */
  pageCounts: { val: 200, test: 200 },
  /** Families: "planted" = every split under the acquisition shift, "sibling" = the same images without it. */
  families: ['planted', 'sibling'],
} as const;

export type FamilyName = (typeof DATA_RECIPE.families)[number];
