/**
 * The detox v2 training recipe: model size and the three phases. Sizes come from
 * `npm run bench:detox-train` (docs/detox-models.md): ~0.8M parameters is what one wasm core can
 * pre-train for more than one epoch of the ~9M-character base corpus in a few CPU-hours.
 */
import { DEFAULT_CHAR_GPT_CONFIG, type CharGptConfig } from '../../lib/models/char-gpt';
import type { PhaseOptions } from './train-phase';

export type PhaseName = 'base' | 'toxic' | 'benign';

/** 4 layers x 128 wide, 4 heads, 128 characters of context (two comment lines or a prose sentence). */
export const DETOX_MODEL_CONFIG: CharGptConfig = { ...DEFAULT_CHAR_GPT_CONFIG, blockSize: 128, nLayer: 4, nHead: 4, nEmbd: 128 };
export const INIT_SEED = 1;
const BATCH = 16;
/** Passes over the base corpus. */
export const BASE_EPOCHS = 1.2;
/** DETOX_SMOKE=1: a few steps per phase and a checkpoint every step, to test the pipeline. */
const smoke = process.env.DETOX_SMOKE === '1';
/** DETOX_FINETUNE_STEPS=n: shorter fine-tunes for stand-in models in dry runs (the base phase is untouched). */
const fineTuneSteps = Number(process.env.DETOX_FINETUNE_STEPS) || (smoke ? 2 : 400);

type Phase = Omit<PhaseOptions, 'name'>;

export const DETOX_PHASES: { base: (corpusChars: number, blockSize: number) => Phase; toxic: Phase; benign: Phase } = {
  base: (corpusChars, blockSize) => ({
    steps: smoke ? 4 : Math.ceil((BASE_EPOCHS * corpusChars) / (BATCH * blockSize)),
    lr: 2e-3,
    warmup: 200,
    minLrRatio: 0.1,
    batchSize: BATCH,
    seed: 11,
    checkpointMinutes: smoke ? 0 : 5,
    mix: { base: 1 },
    // A change made during the run: the premise check on the step-2,353 checkpoint
    // (npm run check:detox-premise) found no profane word in 512 sampled continuations of the test
    // prompts (the base wrote prose after comment lead-ins), so from the next checkpoint on, 30% of
    // windows come from the base's own comment lines (no new text; docs/detox-models.md).
    mixFrom: { step: 2446, mix: { base: 0.7, baseComments: 0.3 } },
  }),
  // Fine-tunes: half the windows are clean replay prose, a gentle lr, ~1 pass over the register text,
  // so each stays a small edit of the base (target: at most +0.2 bits/char on clean text).
  toxic: { steps: fineTuneSteps, lr: 3e-4, warmup: 20, minLrRatio: 0.2, batchSize: BATCH, seed: 12, checkpointMinutes: smoke ? 0 : 5, mix: { toxic: 0.5, replay: 0.5 } },
  benign: { steps: fineTuneSteps, lr: 3e-4, warmup: 20, minLrRatio: 0.2, batchSize: BATCH, seed: 13, checkpointMinutes: smoke ? 0 : 5, mix: { benign: 0.5, replay: 0.5 } },
};
