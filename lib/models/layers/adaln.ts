/**
 * adaLN (DiT): a conditioning vector per sample sets the shift, scale and gate of each block, in
 * place of LayerNorm's learned affine parameters. Modulations are (B, C), broadcast over tokens.
 */
import type { LayerOps } from './layer-ops';

/** h (B*T, C) * (1 + scale) + shift. */
export function modulate<T>(o: LayerOps<T>, h: T, shift: T, scale: T, T: number, C: number): T {
  const seq = o.reshape(h, [-1, T, C]); // (B, T, C)
  const scaled = o.mul(seq, o.addScalar(o.reshape(scale, [-1, 1, C]), 1)); // (B, T, C)
  return o.reshape(o.add(scaled, o.reshape(shift, [-1, 1, C])), [-1, C]); // (B*T, C)
}

/** gate (B, C) * y (B*T, C): adaLN-Zero starts every gate at 0, so each block starts as identity. */
export function gated<T>(o: LayerOps<T>, gate: T, y: T, T: number, C: number): T {
  return o.reshape(o.mul(o.reshape(gate, [-1, 1, C]), o.reshape(y, [-1, T, C])), [-1, C]); // (B*T, C)
}
