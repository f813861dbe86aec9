/**
 * The merge fine-tunes' schedule, recorded in the manifest.
 * v3 (issue 14): the shipped base, frozen prototype heads, and fine-tunes of the encoder only, on two families
 * (planted shift / sibling without it) x 3 seeds x 8 tasks, the same schedule for both. The first run (72 steps of
 * 16, cut for an overloaded machine, under the first, inverted shift) left the planted fine-tunes at chance loss;
 * 200 steps of 32 ran at 2.6 steps per CPU-second (~77 CPU-s per fine-tune) and is the schedule now
 * (pilot on two tasks: docs/merge-models.md).
 */
export const FAMILIES_TRAIN = {
  variant: 'v3',
  seeds: [0, 1, 2],
  order: [['planted', 0], ['sibling', 0], ['planted', 1], ['planted', 2], ['sibling', 1], ['sibling', 2]] as ['planted' | 'sibling', number][],
  prototypes: { perClass: 5, margin: 4 },
  finetune: { steps: 200, batch: 32, lr: 2e-3, warmup: 20, checkpointEvery: 50 },
};
