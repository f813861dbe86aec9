'use client';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { type EngineState, useEngineWorker } from '@/hooks/use-engine-worker';

const EngineContext = createContext<EngineState | null>(null);

/** Shares the one engine worker (owned by useEngineWorker) with every component below. */
export function EngineProvider({ children }: { children: ReactNode }) {
  return <EngineContext.Provider value={useEngineWorker()}>{children}</EngineContext.Provider>;
}

/** The engine, started on first use: every component that computes calls this. */
export function useEngine(): EngineState {
  const ctx = useEngineStatus();
  const { want } = ctx;
  useEffect(() => want(), [want]);
  return ctx;
}

/** The engine's state without starting it (the header badge, the stopped banner). */
export function useEngineStatus(): EngineState {
  const ctx = useContext(EngineContext);
  if (!ctx) throw new Error('useEngine must be used inside <EngineProvider>');
  return ctx;
}
