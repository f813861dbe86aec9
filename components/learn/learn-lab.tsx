'use client';
import { ToyPanel } from './toy-panel';
import { SyntheticPanel } from './synthetic-panel';

export default function LearnLab() {
  return (
    <div className="space-y-10">
      <ToyPanel />
      <SyntheticPanel />
    </div>
  );
}
