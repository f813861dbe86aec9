'use client';
import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ActionsOf, AnyDemo, DemoEvent, InfoOf, ResultOf, StateOf } from '@/lib/demo/contract';
import type { Progress } from '@/lib/util/progress';
import { type EngineLink, progressListener, useEngineCall, useExportWeights } from './use-engine-call';
import { useLatest } from './use-latest';
import { useUrlState } from './use-url-state';

/**
 * Everything a demo page needs, for any demo contract: its models loaded in the worker (again
 * after a restart), its state in the URL, the result of the current state (one evaluation in
 * flight, edits collapsed), on-demand actions, cancel and export. The page only renders.
 */
export function useDemo<C extends AnyDemo>(demo: C, { engine, generation }: EngineLink) {
  type S = StateOf<C>;
  // The info belongs to the engine that loaded it: a restarted engine starts empty.
  const [loaded, setLoaded] = useState<{ engine: NonNullable<EngineLink['engine']>; info: InfoOf<C> } | null>(null);
  const [loadProgress, setLoadProgress] = useState<Progress | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (!engine) return;
    let alive = true;
    setLoadError(null);
    setLoadProgress(null); // a restarted engine reports its own progress, not the dead one's last count
    engine
      .demoLoad(demo.id, progressListener((p) => alive && setLoadProgress(p)))
      .then((info) => alive && setLoaded({ engine, info: info as InfoOf<C> }))
      .catch((e: Error) => alive && setLoadError(e.message));
    return () => {
      alive = false;
    };
  }, [engine, generation, demo.id]);
  const info = loaded && loaded.engine === engine ? loaded.info : null;

  const defaults = useMemo<S | null>(() => (info ? (demo.state.fromInfo?.(demo.state.defaults, info) ?? demo.state.defaults) : null), [info, demo]);
  const url = useUrlState(demo.state.schema, demo.state.version, defaults, { staticDefaults: demo.state.defaults });
  const state: S | null = url.state && info && demo.state.fits && !demo.state.fits(url.state, info) ? defaults : url.state;

  const [progress, setProgress] = useState<Progress | null>(null);
  const [partials, setPartials] = useState<Record<string, unknown>>({});
  const evaluation = useLatest<S, ResultOf<C>>(state && info && engine ? state : null, `${JSON.stringify(state)}/${generation}/${info ? 1 : 0}`, async (s) => {
    setPartials({});
    setProgress(null);
    const onEvent = Comlink.proxy((e: DemoEvent) => {
      if (e.kind === 'progress') setProgress({ stage: e.stage, loaded: e.loaded, total: e.total });
      else setPartials((old) => ({ ...old, [e.key]: e.value }));
    });
    const r = (await engine!.demoEvaluate(demo.id, s, onEvent)) as ResultOf<C>;
    setProgress(null);
    return r;
  });

  const action = useEngineCall(
    (e, onEvent, name: keyof ActionsOf<C> & string, s: S) => e.demoAction(demo.id, name, s, onEvent) as Promise<ActionsOf<C>[typeof name]>,
    engine,
  );
  const runAction = useCallback((name: keyof ActionsOf<C> & string) => (state ? action.run(name, state).catch(() => null) : Promise.resolve(null)), [action, state]);
  const cancel = useCallback(() => void engine?.demoCancel(demo.id), [engine, demo.id]);
  const exportWeights = useExportWeights(engine);

  return {
    demo,
    info,
    loadProgress,
    loadError,
    defaults,
    state,
    update: url.update,
    linkError: url.linkError,
    dismissLinkError: url.dismissLinkError,
    result: evaluation.result,
    busy: evaluation.busy,
    error: evaluation.error,
    progress: evaluation.busy ? progress : null,
    partials,
    action: { run: runAction, result: action.result, progress: action.progress, error: action.error, busy: action.busy },
    cancel,
    exportWeights,
  };
}

export type DemoHandle<C extends AnyDemo> = ReturnType<typeof useDemo<C>>;
