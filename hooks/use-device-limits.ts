'use client';
import { useEffect, useState } from 'react';
import { DEFAULT_RESULT_BUDGET } from '@/lib/decompose/memory-estimate';
import { type DeviceLimits, readDeviceLimits } from '@/lib/sources/device-limits';

/** This device's limits for the backend the engine runs on. */
export function useDeviceLimits(backend: DeviceLimits['backend'] | null | undefined): DeviceLimits | null {
  const [limits, setLimits] = useState<DeviceLimits | null>(null);
  useEffect(() => {
    if (!backend) return;
    let alive = true;
    void readDeviceLimits(backend, DEFAULT_RESULT_BUDGET).then((l) => alive && setLimits(l));
    return () => {
      alive = false;
    };
  }, [backend]);
  return limits;
}
