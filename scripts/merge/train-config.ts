/**
 * The merge fine-tunes' schedule, recorded in the manifest.
 * v4 (issue 26): the shipped base and frozen prototype heads as in v3; the planted family's fine-tunes all start from
 * one sensor-adaptation stage (scripts/merge/adaptation-stage.ts), so every planted task vector holds the same change;
 * the sibling family (clean images) starts from the base. Two families x 3 seeds x 8 tasks, the same fine-tune schedule.
 * v3 (issue 14): fine-tunes from the base under the shift, 200 steps of 32 at lr 2e-3 (~77 CPU-s per fine-tune).
 */
export const FAMILIES_TRAIN = {
  variant: 'v4',
  seeds: [0, 1, 2],
  order: [['planted', 0], ['sibling', 0], ['planted', 1], ['planted', 2], ['sibling', 1], ['sibling', 2]] as ['planted' | 'sibling', number][],
  prototypes: { perClass: 5, margin: 4 },
  /** The planted family's common ancestor: a rank-4 adapter distilled from clean to shifted pre-training images. */
  stage: { steps: 600, batch: 32, lr: 3e-3, warmup: 20, seed: 7, rank: 4, checkpointEvery: 50 },
  finetune: { steps: 400, batch: 32, lr: 5e-3, warmup: 20, checkpointEvery: 50 },
};

/** Checkpoints and the training log (git-ignored). */
export const CKPT_DIR = 'checkpoints/merge-v4';
