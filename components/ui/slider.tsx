'use client';
import { useId } from 'react';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  format?: (v: number) => string;
  hint?: string;
  testId?: string;
}

/** A labelled range input that shows its value; keyboard arrows work as in any range input. */
export function Slider({ label, value, min, max, step, onChange, format, hint, testId }: SliderProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="flex justify-between text-sm font-medium">
        <span>{label}</span>
        <output htmlFor={id} className="tabular-nums">
          {format ? format(value) : value}
        </output>
      </label>
      <input
        id={id}
        data-testid={testId}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {hint && <p className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</p>}
    </div>
  );
}
