import type { DemoPreset } from '../../demo/contract';
import type { MergeState } from './merge-state';

/** Curated starting points for demos and lessons; each opens as an ordinary link. */
export const mergePresets: DemoPreset<MergeState>[] = [
  {
    title: 'Eight tasks, strict sharing',
    says: 'With all eight tasks and η = 0.85 the all-task intersection is empty in every layer, so "+ shared" equals task arithmetic: look at s in the layer chart.',
    state: (d) => ({ ...d, eta: 0.85 }),
  },
  {
    title: 'Eight tasks, tuned on validation',
    says: 'The coefficients npm run eval:merge picked on the validation split (η = 0.5): every merge stays within half a point of the base encoder.',
    state: (d) => d,
  },
  {
    title: 'Shared over the two digit tasks',
    says: 'Define "shared" by handwritten and printed digits only: related tasks share more, and every task is split against that subspace.',
    state: (d) => ({ ...d, sharedOver: ['mnist', 'digits'] }),
  },
  {
    title: 'Two related tasks: handwritten and printed digits',
    says: 'With two related tasks merging pays (λ = 0.4 tuned on validation): compare with eight tasks, where λ = 0.1 is best.',
    state: (d) => ({ ...d, tasks: ['mnist', 'digits'], lambda: { task_arithmetic: 0.4, ties: 0.4, ta_shared: 0.4, unique_shared: 0.4 } }),
  },
  {
    title: 'Is it the decomposition? A random control',
    says: 'Replace the shared subspace by a random one of the same size and keep the recipe: a real effect should beat its control.',
    state: (d) => ({ ...d, eta: 0.5, control: 'random' }),
  },
];
