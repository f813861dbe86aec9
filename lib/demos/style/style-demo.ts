import { type DemoContract, withRecipe } from '../../demo/contract';
import type { StyleGeneration, StyleInfo } from './style-runtime';
import { stylePresets } from './style-presets';
import { stylePanels } from './style-recipes';
import { defaultStyleState, STYLE_STATE_VERSION, type StyleState, styleStateSchema } from './style-state';

/** /style: style fine-tunes of a tiny denoiser mixed naively or by unique parts, sampled side by side. */
export const styleDemo: DemoContract<StyleState, StyleInfo, StyleGeneration> = {
  id: 'style',
  state: {
    schema: styleStateSchema,
    version: STYLE_STATE_VERSION,
    defaults: defaultStyleState(),
    // The sampler settings the models were evaluated with come from the manifest.
    fromInfo: (d, info) => ({ ...d, steps: info.defaults.steps, guidance: info.defaults.guidance }),
  },
  presets: stylePresets,
  recipes: stylePanels,
  exports: (s) => withRecipe(stylePanels(s)).filter((p) => p.id === 'naive' || p.id === 'unique_mix'),
  open: async (host, run) => (await import('./style-runtime')).openStyle(host, run),
};
