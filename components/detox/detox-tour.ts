import type { TourStep } from '@/components/tour/guided-tour';

export const detoxTour: TourStep[] = [
  { target: 'generations', title: 'Four models, one seed', body: 'The same tiny character-level language model in four versions, continuing the same prompt with the same random seed: the base, a fine-tune on rude comments, and two ways of subtracting that fine-tune. Listed words are masked.' },
  { target: 'detox-controls', title: 'Negation and its strength λ', body: 'Plain negation subtracts λ times the whole toxic task vector. But that vector also holds what any fine-tune on comments learns (their register). Unique negation subtracts only the part not shared with a polite fine-tune of the same register.' },
  { target: 'detox-layers', title: 'What the two fine-tunes share', body: 'Per weight matrix: how much of the toxic and the polite task vectors lies in their shared subspace. That shared part is kept by unique negation.' },
  { target: 'live-toxicity', title: 'Measure, do not eyeball', body: 'One sample proves little. Measure the share of toxic continuations over many prompts and seeds, with the full word list and with the half of it the toxic fine-tune never saw.' },
  { target: 'trade-off', title: 'Premises first, then the comparison', body: 'The evaluation (npm run eval:detox) first checks that the base is toxic, that the toxic fine-tune is more toxic, and that the two fine-tunes share more than chance. Then it compares the two negations where each halves the toxicity: which keeps more knowledge and fluency. The curve shows every λ it tried.' },
];
