'use client';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useEngineStatus } from './engine-provider';

/** On every page: when the engine dies, say so where the user looks, with the way out. */
export function EngineStoppedBanner() {
  const { error, restart } = useEngineStatus();
  if (!error) return null;
  return (
    <div className="mx-auto max-w-6xl px-4 pt-4" data-testid="engine-stopped">
      <ErrorPanel
        title="The engine stopped"
        message={`${error.replace(/^The engine stopped: /, '')}. Restart it to go on: the page loads its models and files again and repeats the last request.`}
        action={{ label: 'Restart engine', run: restart }}
      />
    </div>
  );
}
