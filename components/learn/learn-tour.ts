import type { TourStep } from '@/components/tour/guided-tour';

export const learnTour: TourStep[] = [
  { target: 'toy', title: 'A task vector and its subspace', body: 'Fine-tuning changes a weight matrix by a task vector. Its top singular directions span the subspace the change lives in: here each task is a plane in 3-D. Drag the picture, or focus it and use the arrow keys, to look around.' },
  { target: 'toy', title: 'What "shared" means', body: 'A direction is shared when projecting it onto every task subspace in turn leaves it (almost) unchanged: it lies in all of them. The bold line is that direction. Move the drift slider: the planes tilt apart and the shared line disappears.' },
  { target: 'synthetic-controls', title: 'Matrices with a planted answer', body: 'Now each task vector is a real matrix, built from directions all tasks share plus private ones and noise. Change the planted shared dimension and see whether the engine finds it.' },
  { target: 'spectrum', title: 'Principal angles and the threshold η', body: 'Each bar is an eigenvalue of the chained projection. For two tasks these are cos² of the principal angles between the subspaces. Bars at or above η (the red line) become the shared subspace.' },
  { target: 'energy', title: 'Shared plus unique is the whole task vector', body: 'Each task vector splits exactly into its projection on the shared subspace and the rest, its unique part. The bars show the share of energy in each. Editing methods scale these parts separately.' },
];
