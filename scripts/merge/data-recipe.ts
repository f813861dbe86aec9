/** The data recipe, recorded in the model manifest. */
export const DATA_RECIPE = {
  seed: 1,
  pretrainCount: 22000,
  counts: { train: 4000, val: 160, test: 260 },
} as const;
