/**
 * What a demo is, in one object: its page state (zod schema, defaults, presets), the recipes a
 * state stands for, and how it loads its models and evaluates a state. Everything but `open` is
 * light, pure data the page imports; `open` imports the demo's computation lazily, so only the
 * engine worker (or a Node script) loads models and runtimes.
 *
 * A new demo is one file implementing DemoContract (plus its computation) listed in lib/demos/registry.ts,
 * and one result view in components/ (see docs/architecture.md).
 */
import type { z } from 'zod';
import type { TensorDiagnostics } from '../decompose/decompose-weights';
import type { FetchLike } from '../manifest/load-manifest';
import type { OrtRuntime } from '../runtime/ort-runtime';
import type { Recipe } from '../recipe/schema';
import type { WeightSet } from '../tensors/weight-set';
import type { DemoStage, ProgressOf } from '../util/progress';

/** What a running load, evaluation or action reports while it works. */
export type DemoEvent = ({ kind: 'progress' } & ProgressOf<DemoStage>) | { kind: 'partial'; key: string; value: unknown };

export interface DemoPreset<S> {
  title: string;
  /** One sentence on what the preset shows. */
  says: string;
  state: (defaults: S) => S;
}

/** One model the page compares, as a recipe (null: the shipped base weights as they are). */
export interface DemoRecipe {
  id: string;
  title: string;
  formula: string;
  recipe: Recipe | null;
}

/** The slice of LabEngine a demo uses (the worker passes the real engine, scripts may too). */
export interface WeightEditor {
  addWeights(id: string, ws: WeightSet): unknown;
  apply(recipe: unknown): Promise<WeightSet>;
  decompose(models: { base: string; tasks: string[] }, options: Recipe['decomposition']): Promise<TensorDiagnostics[]>;
  cancel(): void;
}

/** The one onnxruntime owner of this thread (lib/runtime/ort-runtime.ts), opened on first use. */
export type OrtLoader = () => Promise<OrtRuntime>;

/** What the generic lab hands a demo when it opens: the engine, onnxruntime, and where files are. */
export interface DemoHost {
  engine: WeightEditor;
  ort: OrtLoader;
  /** Injected fetch (Node scripts read public/ from disk); the global fetch otherwise. */
  fetch?: FetchLike;
  /** Base URLs by name ("models", "data"), overriding the demo's defaults. */
  urls?: Record<string, string>;
}

/** One call's context: reporting, cancellation and cached recipe application. */
export interface RunContext {
  progress(stage: DemoStage, loaded: number, total: number): void;
  partial(key: string, value: unknown): void;
  cancelled(): boolean;
  /** Throws CancelledError once the page has cancelled this call. */
  check(): void;
  /** engine.apply(recipe), remembered for the last few recipes (moving one slider re-applies one). */
  weights(recipe: Recipe): Promise<WeightSet>;
}

/** A demo with its models loaded: `evaluate` runs on every state change, actions on demand. */
export interface DemoSession<S, Info, Result, Actions extends Record<string, unknown>> {
  info: Info;
  evaluate(state: S, run: RunContext): Promise<Result>;
  actions: { [K in keyof Actions]: (state: S, run: RunContext) => Promise<Actions[K]> };
}

export interface DemoContract<S, Info, Result, Actions extends Record<string, unknown> = Record<never, never>> {
  /** The page path and the worker's name for the demo. */
  id: string;
  state: {
    schema: z.ZodType<S>;
    /** Bumped when the state's meaning changes; links carry it. */
    version: number;
    /** Valid without loading anything (tests and the first render use them). */
    defaults: S;
    /** Defaults refined by what the loaded models say (e.g. the shipped task list). */
    fromInfo?(defaults: S, info: Info): S;
    /** Whether a (valid) state fits the loaded models; when not, the page shows the defaults. */
    fits?(state: S, info: Info): boolean;
  };
  presets: DemoPreset<S>[];
  /** Every model the page compares for a state, each as a recipe. */
  recipes(state: S): DemoRecipe[];
  /** The recipes offered for download (weights or recipe file). */
  exports(state: S): DemoRecipe[];
  open(host: DemoHost, run: RunContext): Promise<DemoSession<S, Info, Result, Actions>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDemo = DemoContract<any, any, any, any>;
export type StateOf<C> = C extends DemoContract<infer S, any, any, any> ? S : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type InfoOf<C> = C extends DemoContract<any, infer I, any, any> ? I : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ResultOf<C> = C extends DemoContract<any, any, infer R, any> ? R : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ActionsOf<C> = C extends DemoContract<any, any, any, infer A> ? A : never; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Only recipes that edit weights (not the base as shipped). */
export const withRecipe = (rs: DemoRecipe[]): (DemoRecipe & { recipe: Recipe })[] => rs.filter((r): r is DemoRecipe & { recipe: Recipe } => r.recipe !== null);
