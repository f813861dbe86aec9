/**
 * The folder layouts a checkpoint comes in, in the order they are tried. A plain HTTP server
 * cannot list a folder, so a remote folder is probed file by file (404 means "not this layout").
 */
export type Layout =
  | { kind: 'peft'; config: string; weights: string }
  | { kind: 'sharded'; index: string }
  | { kind: 'single'; file: string };

export const LAYOUT_CANDIDATES: Layout[] = [
  { kind: 'peft', config: 'adapter_config.json', weights: 'adapter_model.safetensors' },
  { kind: 'sharded', index: 'model.safetensors.index.json' },
  { kind: 'single', file: 'model.safetensors' },
  { kind: 'sharded', index: 'unet/diffusion_pytorch_model.safetensors.index.json' },
  { kind: 'single', file: 'unet/diffusion_pytorch_model.safetensors' },
  { kind: 'single', file: 'diffusion_pytorch_model.safetensors' },
];

/** The file whose presence decides a layout. */
export const layoutKey = (l: Layout) => (l.kind === 'peft' ? l.config : l.kind === 'sharded' ? l.index : l.file);

/** The first layout whose key file exists, given a check that answers per relative path. */
export async function detectLayout(exists: (file: string) => Promise<boolean>): Promise<Layout | null> {
  for (const l of LAYOUT_CANDIDATES) if (await exists(layoutKey(l))) return l;
  return null;
}

/** A local folder's layout from its file list (paths relative to the folder, "/" separated). */
export function layoutFromFileList(paths: string[]): Layout | null {
  const set = new Set(paths);
  const found = LAYOUT_CANDIDATES.find((l) => set.has(layoutKey(l)));
  if (found) return found;
  const lone = paths.filter((p) => p.endsWith('.safetensors'));
  return lone.length === 1 ? { kind: 'single', file: lone[0] } : null;
}
