// Worker threads do not inherit the TypeScript loader everywhere (vitest, plain node): load through tsx here.
import { tsImport } from 'tsx/esm/api';

await tsImport('./grad-worker.ts', import.meta.url);
