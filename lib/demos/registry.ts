// The one list of demos. No shared lib/ folder imports this module, so the demos may import the
// contract (lib/demo) without making a loop.
import { detoxDemo } from './detox/detox-demo';
import { mergeDemo } from './merge/merge-demo';
import { styleDemo } from './style/style-demo';
import type { AnyDemo } from '../demo/contract';

/** Every demo, listed explicitly (nothing registers itself on import). */
export const demos = { merge: mergeDemo, style: styleDemo, detox: detoxDemo } satisfies Record<string, AnyDemo>;

export type DemoId = keyof typeof demos;
export const demoList: AnyDemo[] = Object.values(demos);
