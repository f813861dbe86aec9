/**
 * The four weight matrices of a GPT-2-small block (d_out x d_in as the decomposition sees them).
 * Plain data in its own file, so a page can list them without loading the engine.
 */
export const gpt2BlockShapes = [
  { name: 'attn.c_attn', rows: 2304, cols: 768 },
  { name: 'attn.c_proj', rows: 768, cols: 768 },
  { name: 'mlp.c_fc', rows: 3072, cols: 768 },
  { name: 'mlp.c_proj', rows: 768, cols: 3072 },
] as const;
