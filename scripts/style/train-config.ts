/** Training schedule of the style demo (shipped in the manifest). */
export const STYLE_TRAIN = {
  seed: 11,
  base: { steps: 4500, batch: 64, lr: 1e-3, warmup: 200, checkpointEvery: 250, maxMinutes: 34 },
  /** PLATFORM measured ~350 steps at lr 3e-4 as enough for a colour or stroke style. */
  finetune: { steps: 400, batch: 64, lr: 3e-4, warmup: 20 },
  /**
   * Night repaints every pixel and dashed is a 1-px structure: at 400 steps night samples kept a
   * noisy background and lost shapes, and dashed reached under half of its calibrated score.
   */
  finetuneSteps: { red: 400, bold: 400, night: 1200, dashed: 1200 },
  /** Fraction of labels replaced by the "no class" label, for classifier-free guidance. */
  labelDropout: 0.1,
} as const;
