import type { TourStep } from '@/components/tour/guided-tour';

export const styleTour: TourStep[] = [
  { target: 'style-picker', title: 'Styles are task vectors too', body: 'A tiny diffusion model draws 16x16 icons. Each style (red ink, a corner badge, an underline) is a fine-tune of it; its task vector is the change in weights. Every planted fine-tune starts from a common house fine-tune that learned a paper tint of the background: the part they share.' },
  { target: 'style-grids', title: 'Naive sum versus unique-only', body: 'Adding two style task vectors also adds twice whatever both fine-tunes learned in common. Unique-only mixing adds each style\'s unique part once, plus the shared part once (γ).' },
  { target: 'style-controls', title: 'The knobs', body: 'β scales each unique part, γ the shared part, λ each task vector of the naive sum. The seed fixes the noise, so every grid starts from the same noise.' },
  { target: 'style-singles', title: 'Measured, not eyeballed', body: 'Under each grid: a score per style (0 = plain icons, 1 = the style\'s own training renders) and a quality score against the true rendering of the same icons in both styles.' },
];
