/** Training schedule for the merge demo, recorded in the manifest. Sized for ~40 min on one core. */
export const TRAIN = {
  seed: 1,
  pretrain: { steps: 2400, batch: 64, lr: 1.5e-3, warmup: 100, checkpointEvery: 300 },
  probe: { steps: 400, lr: 0.02 },
  finetune: { steps: 500, batch: 64, lr: 5e-4, warmup: 50 },
} as const;
