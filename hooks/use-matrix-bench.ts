'use client';
import { useCallback, useRef, useState } from 'react';
import type { EngineState } from '@/hooks/use-engine-worker';
import type { MatrixBenchResult, MatrixBenchSpec } from '@/lib/engine/matrix-bench';

export interface BenchRow extends MatrixBenchResult {
  name: string;
  backend: string;
}

export interface MatrixBenchState {
  rows: BenchRow[];
  /** Matrices finished and asked for in the current run. */
  done: number;
  total: number;
  running: boolean;
  error: string | null;
  run(specs: (MatrixBenchSpec & { name: string })[]): Promise<void>;
  /** Stops after the matrix in progress (a matrix is one worker call). */
  cancel(): void;
}

/** Runs /bench's matrices one worker call at a time, so progress and cancel fall between matrices. */
export function useMatrixBench(link: EngineState): MatrixBenchState {
  const [rows, setRows] = useState<BenchRow[]>([]);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);
  const { engine, status } = link;

  const run = useCallback(
    async (specs: (MatrixBenchSpec & { name: string })[]) => {
      if (!engine || !status) return;
      cancelled.current = false;
      setRows([]);
      setDone(0);
      setTotal(specs.length);
      setError(null);
      setRunning(true);
      try {
        for (const [i, { name, ...spec }] of specs.entries()) {
          if (cancelled.current) break;
          const result = await engine.benchMatrix(spec);
          setRows((rs) => [...rs, { ...result, name, backend: status.backend }]);
          setDone(i + 1);
        }
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setRunning(false);
      }
    },
    [engine, status],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
  }, []);

  return { rows, done, total, running, error, run, cancel };
}
