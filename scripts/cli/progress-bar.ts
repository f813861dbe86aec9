// A one-line progress bar for a terminal; nothing at all when the stream is not one (pipes, CI logs).
import { type Progress, progressItem } from '../../lib/util/progress';

/** `decompose [########----------------------]  12/148  h.3.mlp.c_fc.weight  4.2 s` */
export function formatBar(label: string, loaded: number, total: number, what: string, seconds: number, width = 30): string {
  const filled = total > 0 ? Math.round((width * Math.min(loaded, total)) / total) : width;
  const count = `${String(loaded).padStart(String(total).length)}/${total}`;
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}  ${what}  ${seconds.toFixed(1)} s`;
}

export interface ProgressBar {
  update(p: Progress): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream, label: string): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let drawn = false;
  return {
    update(p) {
      const columns = stream.columns || 80;
      const line = formatBar(label, p.loaded, p.total, progressItem(p), (Date.now() - started) / 1000).slice(0, columns - 1);
      stream.write(`\r${line.padEnd(columns - 1)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
