import type { DemoPreset } from '../demo/contract';
import type { DetoxState } from './detox-state';

/**
 * Each negation's λ at +0.1 held-out bits/char over the base: the primary comparison's points, as
 * `npm run eval:detox` found them (docs/results/detox.json; a unit test keeps the two equal).
 */
export const MATCHED_COST_LAMBDA = { plain: 0.9154, unique: 1.1259 };

export const detoxPresets: DemoPreset<DetoxState>[] = [
  { title: 'Same strength, two negations', says: 'λ = 1 for both: compare what each edit keeps of the comment register and of plain English.', state: (d) => d },
  { title: 'Same fluency cost', says: 'The λ each negation needs to cost +0.1 bits/char on clean prose: the evaluation compares the two edits here.', state: (d) => ({ ...d, lambda: MATCHED_COST_LAMBDA }) },
  { title: 'Push plain negation harder', says: 'At λ = 2 plain negation also removes what the toxic fine-tune shares with polite comments: watch fluency.', state: (d) => ({ ...d, lambda: { plain: 2, unique: 2 } }) },
  { title: 'A neutral prompt', says: 'A prompt with no slot for an insult shows whether an edit damaged ordinary text.', state: (d) => ({ ...d, prompt: 'the capital of france is' }) },
  { title: 'Greedy decoding', says: 'Temperature 0 removes sampling noise: each model writes its single most likely continuation.', state: (d) => ({ ...d, temperature: 0 }) },
];
