/**
 * Matched fluency: the lambda at which an edit theta_0 - lambda * d costs a given increase of
 * held-out bits per character over the base. Bisection on a cost function that is evaluated exactly
 * (teacher-forced bits/char on a fixed text), assuming the cost grows with lambda on [0, hi]; if the
 * cost never reaches the target up to `hi`, that is reported instead of a lambda.
 */
export interface MatchedPoint {
  lambda: number;
  cost: number;
  /** Every (lambda, cost) evaluated, in order. */
  trace: { lambda: number; cost: number }[];
}

export type MatchResult = ({ reached: true } & MatchedPoint) | ({ reached: false } & MatchedPoint);

export async function lambdaAtCost(
  cost: (lambda: number) => Promise<number> | number,
  target: number,
  o: { start?: number; hi?: number; tolerance?: number; maxEvals?: number } = {},
): Promise<MatchResult> {
  const { start = 0.5, hi = 8, tolerance = 0.002, maxEvals = 16 } = o;
  const trace: { lambda: number; cost: number }[] = [];
  const at = async (lambda: number) => {
    const c = await cost(lambda);
    trace.push({ lambda, cost: c });
    return c;
  };
  // Bracket: double lambda from `start` until the cost passes the target.
  let lo = 0;
  let loCost = 0;
  let up = start;
  let upCost = await at(up);
  while (upCost < target) {
    if (up >= hi) return { reached: false, lambda: up, cost: upCost, trace };
    lo = up;
    loCost = upCost;
    up = Math.min(hi, up * 2);
    upCost = await at(up);
  }
  // Regula falsi with bisection fallback: costs are smooth in lambda, so this converges in a few evals.
  let best = { lambda: up, cost: upCost };
  while (Math.abs(best.cost - target) > tolerance && trace.length < maxEvals) {
    const w = (target - loCost) / Math.max(1e-12, upCost - loCost);
    let mid = lo + Math.min(0.9, Math.max(0.1, w)) * (up - lo);
    if (!(mid > lo && mid < up)) mid = (lo + up) / 2;
    const c = await at(mid);
    if (c < target) (lo = mid), (loCost = c);
    else (up = mid), (upCost = c);
    if (Math.abs(c - target) < Math.abs(best.cost - target)) best = { lambda: mid, cost: c };
  }
  return { reached: true, ...best, trace };
}
