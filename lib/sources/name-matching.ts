/**
 * Tensor names differ across checkpoints of one model: wrappers add prefixes (`model.`,
 * `base_model.model.`, `transformer.`), kohya LoRA files spell module paths with underscores
 * (`lora_unet_down_blocks_0_...`). Names are matched on a canonical form; everything that cannot
 * be matched is listed in one error.
 */
const PREFIXES = ['base_model.model.', 'module.', 'model.', 'transformer.'];
const KOHYA = /^lora_(unet|te\d?|transformer)_/;

export function canonicalName(name: string): string {
  let n = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of PREFIXES)
      if (n.startsWith(p)) {
        n = n.slice(p.length);
        changed = true;
      }
  }
  return n;
}

/** kohya's module key: the canonical module path with every dot as an underscore. */
const underscored = (name: string) => canonicalName(name).replace(/\./g, '_');

export interface NameMatch {
  /** other name -> base name */
  mapping: Map<string, string>;
  /** base tensors with no counterpart (kept from the base, i.e. a zero task vector). */
  missing: string[];
  /** other tensors that match nothing in the base. */
  unmatched: string[];
}

/** Matches a checkpoint's tensor names to the base's: exact, then canonical. */
export function matchCheckpointNames(base: string[], other: string[]): NameMatch {
  const exact = new Set(base);
  const byCanonical = new Map(base.map((b) => [canonicalName(b), b]));
  const mapping = new Map<string, string>();
  const unmatched: string[] = [];
  for (const o of other) {
    const b = exact.has(o) ? o : byCanonical.get(canonicalName(o));
    if (b) mapping.set(o, b);
    else unmatched.push(o);
  }
  const used = new Set(mapping.values());
  return { mapping, missing: base.filter((b) => !used.has(b)), unmatched };
}

/** Matches LoRA module paths (PEFT's dotted or kohya's underscored) to the base's `.weight` tensors. */
export function matchAdapterModules(base: string[], modules: string[]): NameMatch {
  const weights = base.filter((b) => b.endsWith('.weight'));
  const dotted = new Map(weights.map((b) => [canonicalName(b.slice(0, -'.weight'.length)), b]));
  const kohya = new Map(weights.map((b) => [underscored(b.slice(0, -'.weight'.length)), b]));
  const mapping = new Map<string, string>();
  const unmatched: string[] = [];
  for (const m of modules) {
    const b = KOHYA.test(m) ? kohya.get(m.replace(KOHYA, '')) : dotted.get(canonicalName(m));
    if (b) mapping.set(m, b);
    else unmatched.push(m);
  }
  return { mapping, missing: [], unmatched };
}

/** One message naming every tensor that does not line up, or null when all do. */
export function describeMismatch(label: string, match: NameMatch, limit = 20): string | null {
  const lines = [...match.unmatched.map((n) => `  ${n}: not in the base model`)];
  if (lines.length === 0) return null;
  const shown = lines.slice(0, limit).join('\n');
  return `${label}: ${lines.length} tensor${lines.length > 1 ? 's do' : ' does'} not match the base model\n${shown}${lines.length > limit ? `\n  ... and ${lines.length - limit} more` : ''}`;
}
