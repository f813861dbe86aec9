import type { LayerCell } from '@/lib/recipe/layer-strip';

/** Blue for positive, red for negative, strength by |value| / scale; grey when the layer is left out. */
function cellColour(c: LayerCell, scale: number): string {
  if (!c.touched) return 'rgb(228 228 231)';
  const v = (c.min + c.max) / 2;
  const a = Math.min(1, Math.abs(v) / (scale || 1));
  return v >= 0 ? `rgba(37, 99, 235, ${0.15 + 0.85 * a})` : `rgba(220, 38, 38, ${0.15 + 0.85 * a})`;
}

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2));

const cellTitle = (c: LayerCell) => (c.touched ? `layer ${c.index}: ${c.min === c.max ? fmt(c.min) : `${fmt(c.min)} to ${fmt(c.max)}`}` : `layer ${c.index}: not touched`);

/**
 * One term's coefficient per layer (cells from lib/recipe/layer-strip.ts), first layer on the left.
 * With onToggle each block is a button that switches it in or out of the term's layer filter.
 */
export function LayerStrip({ label, cells, onToggle }: { label: string; cells: LayerCell[]; onToggle?: (index: number) => void }) {
  const scale = Math.max(0, ...cells.map((c) => Math.max(Math.abs(c.min), Math.abs(c.max))));
  return (
    <div className="flex items-center gap-2 text-xs" data-testid="layer-strip">
      <span className="w-32 truncate font-mono" title={label}>
        {label}
      </span>
      <div className="flex flex-1 gap-px" role={onToggle ? 'group' : 'img'} aria-label={`${label}: coefficient per layer`}>
        {cells.map((c) =>
          onToggle ? (
            <button
              key={c.index}
              type="button"
              onClick={() => onToggle(c.index)}
              aria-pressed={c.touched}
              aria-label={`${cellTitle(c)}; click to ${c.touched ? 'leave it out' : 'include it'}`}
              data-testid="layer-cell"
              className="h-4 min-w-1 flex-1 rounded-sm"
              style={{ background: cellColour(c, scale) }}
              title={`${cellTitle(c)} (click: ${c.touched ? 'leave out' : 'include'})`}
            />
          ) : (
            <div key={c.index} className="h-4 min-w-1 flex-1 rounded-sm" style={{ background: cellColour(c, scale) }} title={cellTitle(c)} />
          ),
        )}
      </div>
    </div>
  );
}
