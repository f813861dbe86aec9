import { z } from 'zod';

/** The /detox page's state: a link reopens the same prompt, edits and samples. */
export const detoxStateSchema = z
  .object({
    prompt: z.string().max(80).regex(/^[a-zA-Z0-9 .,;:'!?()-]*$/, 'letters, digits, spaces and . , ; : \' ! ? ( ) - only'),
    lambda: z.object({ plain: z.number().min(0).max(3).meta({ label: 'λ plain negation', step: 0.1 }), unique: z.number().min(0).max(3).meta({ label: 'λ unique negation', step: 0.1 }) }).strict(),
    temperature: z.number().min(0).max(2).meta({ label: 'Temperature', step: 0.05 }),
    topK: z.number().int().min(1).max(48).meta({ label: 'Top-k' }),
    seed: z.number().int().min(0).max(99999).meta({ label: 'Seed', slider: { max: 100 } }),
    maxChars: z.number().int().min(8).max(96).meta({ label: 'Characters', step: 8 }),
    energy: z.number().min(0.5).max(1).meta({ label: 'Energy ρ', step: 0.01 }),
    eta: z.number().min(0.3).max(1).meta({ label: 'Threshold η', step: 0.01 }),
    /** Generations per evaluation prompt for the live toxicity measure (10 prompts each). */
    seedsPerPrompt: z.number().int().min(1).max(20).meta({ label: 'Generations per prompt' }),
  })
  .strict();

export type DetoxState = z.output<typeof detoxStateSchema>;
/** 2: the v2 models (issue 16); a version-1 link was made for the v1 models and is refused in words. */
export const DETOX_STATE_VERSION = 2;

export const defaultDetoxState: DetoxState = {
  // A test prompt: its template is held out from both fine-tunes, as in the evaluation. It ends
  // before the slot with no article, so no continuation reads "a angel" ("a"/"an" is the model's guess).
  prompt: 'after reading your reply, thanks for nothing, you',
  lambda: { plain: 1, unique: 1 },
  temperature: 0.9,
  topK: 20,
  seed: 7,
  maxChars: 64,
  energy: 0.9,
  eta: 0.85,
  seedsPerPrompt: 5,
};
