export * from './options';
export * from './decompose-matrices';
export * from './decompose-weights';
export { sharedSubspace } from './shared-subspace';
export { taskBasis, energyRank } from './task-basis';
export { type SideChoice, describeSideChoice } from './side-choice';
