import type { DemoPreset } from '../../demo/contract';
import type { DetoxState } from './detox-state';

/**
 * Each negation's λ where it halves the base's toxicity on the validation prompts: the primary
 * comparison's points, as `npm run eval:detox` found them (docs/results/detox.json; a unit test
 * keeps the two equal).
 */
export const EQUAL_CUT_LAMBDA = { plain: 0.1681, unique: 0.2411 };

export const detoxPresets: DemoPreset<DetoxState>[] = [
  { title: 'Same strength, two negations', says: 'λ = 1 for both: compare what each edit keeps of the comment register and of plain English.', state: (d) => d },
  { title: 'Same toxicity cut', says: "The λ at which each negation halves the base's toxicity on the validation prompts: the evaluation compares knowledge and fluency here.", state: (d) => ({ ...d, lambda: EQUAL_CUT_LAMBDA }) },
  { title: 'Push plain negation harder', says: 'At λ = 2 plain negation also removes what the toxic fine-tune shares with polite comments: watch fluency.', state: (d) => ({ ...d, lambda: { plain: 2, unique: 2 } }) },
  { title: 'A neutral prompt', says: 'A prompt with no slot for an insult shows whether an edit damaged ordinary text.', state: (d) => ({ ...d, prompt: 'the capital of france is' }) },
  { title: 'Greedy decoding', says: 'Temperature 0 removes sampling noise: each model writes its single most likely continuation.', state: (d) => ({ ...d, temperature: 0 }) },
];
