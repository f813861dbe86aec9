import type { DemoPreset } from '../../demo/contract';
import type { StyleState } from './style-state';

export const stylePresets: DemoPreset<StyleState>[] = [
  { title: 'Red + badge', says: 'Both fine-tunes also learned the paper tint of the background: the naive sum applies it twice.', state: (d) => d },
  { title: 'Badge + underline', says: 'Two marks at fixed places; the house change is the only thing the two fine-tunes have in common by design.', state: (d) => ({ ...d, styles: ['badge', 'underline'] }) },
  { title: 'Shared part switched off', says: 'γ = 0 keeps only the unique parts: what each style adds beyond what the two fine-tunes have in common.', state: (d) => ({ ...d, gamma: 0 }) },
];
