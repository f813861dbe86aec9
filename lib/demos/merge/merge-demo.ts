import type { DemoContract } from '../../demo/contract';
import type { MergeResult, MergeTaskInfo, SweepPoint } from './merge-runtime';
import { mergePresets } from './merge-presets';
import { mergeMethods } from './merge-recipes';
import { defaultMergeState, MERGE_STATE_VERSION, type MergeState, mergeStateSchema } from './merge-state';

/** The shipped family's tasks in manifest order; the page takes the list from the loaded manifest. */
export const SHIPPED_MERGE_TASKS = ['mnist', 'digits', 'latin', 'greek', 'symbols', 'icons', 'shapes', 'textures'];

/** /merge: eight fine-tuned classifiers merged by task arithmetic, TIES and the shared-part methods. */
export const mergeDemo: DemoContract<MergeState, MergeTaskInfo[], MergeResult, { sweep: SweepPoint[] }> = {
  id: 'merge',
  state: {
    schema: mergeStateSchema,
    version: MERGE_STATE_VERSION,
    defaults: defaultMergeState(SHIPPED_MERGE_TASKS),
    fromInfo: (d, tasks) => ({ ...d, tasks: tasks.map((t) => t.name) }),
    // A link may name tasks this build does not ship: then the defaults show.
    fits: (s, tasks) => s.tasks.every((t) => tasks.some((x) => x.name === t)),
  },
  presets: mergePresets,
  recipes: mergeMethods,
  exports: mergeMethods,
  open: async (host, run) => (await import('./merge-runtime')).openMerge(host, run),
};
