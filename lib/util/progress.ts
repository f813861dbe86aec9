/**
 * Progress, one type from the engine to the page and the CLI: a union tagged by stage. Within one
 * stage's stream, loaded never decreases and the last report has loaded === total
 * (lib/util/progress.test.ts checks a decomposition's stream).
 */
interface Counts {
  loaded: number;
  total: number;
}

/** A demo's stages: load (models and data, in steps), evaluate (models scored), sample (steps), sweep (points). */
export type DemoStage = 'load' | 'evaluate' | 'sample' | 'sweep';

export type Progress =
  /** Bytes of one checkpoint file; the page keeps one bar per file. */
  | ({ stage: 'download'; file: string } & Counts)
  /** Tensors decomposed; the CLI names the one just done. */
  | ({ stage: 'decompose'; tensor?: string } & Counts)
  | ({ stage: DemoStage } & Counts);

export type Stage = Progress['stage'];

export type ProgressOf<S extends Stage> = Extract<Progress, { stage: S }>;

/** What one item of a stage is called, for a status line: the tensor or file, if the stage names one. */
export const progressItem = (p: Progress): string => ('tensor' in p && p.tensor) || ('file' in p && p.file) || '';
