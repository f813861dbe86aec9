import type { DemoPreset } from '../demo/contract';
import type { StyleState } from './style-state';

export const stylePresets: DemoPreset<StyleState>[] = [
  { title: 'Red + bold', says: 'Both styles carry over to icons no fine-tune saw; naive and unique-only mixing look almost the same here (little is shared).', state: (d) => d },
  { title: 'Red + night', says: 'Both set the ink colour, so they conflict by design: neither mix keeps red.', state: (d) => ({ ...d, styles: ['red', 'night'] }) },
  { title: 'Bold + dashed, more shared', says: 'The pair whose fine-tunes share the most (11 of 22 matrices): move γ to see the shared part counted once.', state: (d) => ({ ...d, styles: ['bold', 'dashed'] }) },
  { title: 'Shared part switched off', says: 'γ = 0 keeps only the unique parts: what each style adds beyond what the two fine-tunes have in common.', state: (d) => ({ ...d, gamma: 0 }) },
];
