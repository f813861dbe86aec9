/**
 * The 3-D lesson: k tasks, each a plane through a "drift" direction s_i and a private direction.
 * Every s_i leans away from the x axis by `spreadDeg`, each in its own direction, so the planes
 * share exactly the x axis at 0 degrees and drift apart as the spread grows.
 */
export function toyTasks(k: number, spreadDeg: number): number[][][] {
  const d = (spreadDeg * Math.PI) / 180;
  return Array.from({ length: k }, (_, i) => {
    const phi = (2 * Math.PI * i) / k + 0.3;
    const s = [Math.cos(d), Math.sin(d) * Math.cos(phi), Math.sin(d) * Math.sin(phi)];
    const p = [0, Math.cos(phi + Math.PI / 2), Math.sin(phi + Math.PI / 2)];
    // W = 2 s a^T + 1 p b^T with a = e1, b = e2 in a 4-dim input space: singular values 2 and 1.
    return [0, 1, 2].map((r) => [2 * s[r], p[r], 0, 0]);
  });
}
