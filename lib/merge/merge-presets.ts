import type { MergeState } from './merge-state';

export interface Preset {
  title: string;
  /** One sentence on what the preset shows. */
  says: string;
  state: (defaults: MergeState) => MergeState;
}

/** Curated starting points for demos and lessons; each opens as an ordinary link. */
export const mergePresets: Preset[] = [
  {
    title: 'Eight tasks, strict sharing',
    says: 'With all eight tasks and η = 0.85 the all-task intersection is empty in almost every layer, so "+ shared" adds nothing: look at s in the layer chart.',
    state: (d) => ({ ...d, eta: 0.85 }),
  },
  {
    title: 'Eight tasks, looser threshold',
    says: 'At η = 0.5 a few directions count as shared by all eight tasks, and α starts to matter.',
    state: (d) => ({ ...d, eta: 0.5 }),
  },
  {
    title: 'Shared over the two digit tasks',
    says: 'Define "shared" by handwritten and printed digits only: related tasks share more, and every task is split against that subspace.',
    state: (d) => ({ ...d, sharedOver: ['mnist', 'digits'] }),
  },
  {
    title: 'Two tasks: digits and Greek',
    says: 'Merging two tasks interferes much less than eight: compare the gap to the individual fine-tunes.',
    state: (d) => ({ ...d, tasks: ['digits', 'greek'] }),
  },
  {
    title: 'Is it the decomposition? A random control',
    says: 'Replace the shared subspace by a random one of the same size and keep the recipe: a real effect should beat its control.',
    state: (d) => ({ ...d, eta: 0.5, control: 'random' }),
  },
];
