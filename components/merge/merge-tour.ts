import type { TourStep } from '@/components/tour/guided-tour';

export const mergeTour: TourStep[] = [
  { target: 'tasks', title: 'Eight fine-tunes of one model', body: 'Each button is the same tiny vision transformer fine-tuned on one task. Its task vector is the fine-tuned weights minus the pre-trained ones. Merging means adding task vectors to the pre-trained weights to get one model for all tasks.' },
  { target: 'lambdas', title: 'Task arithmetic and its scale λ', body: 'Task arithmetic adds all task vectors times λ. Too small and each task loses its fine-tune; too large and the task vectors interfere. Move λ with the arrow keys and watch the table.' },
  { target: 'table', title: 'Reading the table', body: 'Accuracy per task on the shipped test images. "Normalised" divides by the individual fine-tune: 100% would mean merging lost nothing. The grey rows are the references.' },
  { target: 'layers', title: 'Shared and unique, layer by layer', body: 'For each weight matrix, each task keeps the directions holding most of its change (its subspace). Directions inside every task subspace are shared; s counts them. The bars show how much of each task vector lies there; the rest is unique.' },
  { target: 'advanced', title: 'Principal angles and η', body: 'Two subspaces meet at principal angles; a direction counts as shared when the chained projections keep at least η of it (η = 0.85 is about 23°). With eight tasks the product of eight overlaps is small, so few directions pass: lower η, or define shared over fewer tasks. Side: compare output spaces (left), input spaces (right), or let auto pick per matrix the side whose overlap stands furthest above chance; the layer list then says which and why.' },
  { target: 'sweep', title: 'Tune on validation, report on test', body: 'The sweep scores every method for a range of λ on the validation images. Pick λ there; the table above uses the test images, which are never used for tuning.' },
  { target: 'export', title: 'Take the edit home', body: 'Download the merged weights (the recipe travels in the file) or just the recipe; the command line remakes the same weights from it. Copy link shares this exact state.' },
];
