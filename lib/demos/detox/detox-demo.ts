import type { DemoContract } from '../../demo/contract';
import type { DetoxInfo, DetoxResult, LiveToxicity } from './detox-runtime';
import { detoxPresets } from './detox-presets';
import { detoxMethods } from './detox-recipes';
import { defaultDetoxState, DETOX_STATE_VERSION, type DetoxState, detoxStateSchema } from './detox-state';

/** /detox: a toxic fine-tune of a tiny language model negated whole or by its unique part. */
export const detoxDemo: DemoContract<DetoxState, DetoxInfo, DetoxResult, { toxicity: LiveToxicity[] }> = {
  id: 'detox',
  state: { schema: detoxStateSchema, version: DETOX_STATE_VERSION, defaults: defaultDetoxState },
  presets: detoxPresets,
  recipes: detoxMethods,
  exports: (s) => detoxMethods(s).filter((m) => m.id === 'plain' || m.id === 'unique'),
  open: async (host, run) => (await import('./detox-runtime')).openDetox(host, run),
};
