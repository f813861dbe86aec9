"""Reference timings for `npm run bench:gpt2 -- --spectra`: the same one-block GPT-2-small shapes and
spectra (scripts/bench-gpt2.mts, `Spectrum`), drawn with numpy's generator (same model, not the
same numbers), decomposed per task matrix by
  - a randomized range finder (Halko, Martinsson, Tropp 2011): Gaussian block of 32 columns, one
    power iteration, the rank read off the sketch's singular values (no certificate), the block
    doubled while the sketch holds less than rho of the energy or the rank is within 5 of its edge;
  - a full thin SVD (LAPACK gesdd).
One BLAS thread; CPU seconds of the process (time.process_time), data generation excluded.

  python3 scripts/bench/numpy-range-finder.py [--k 3] [--spectrum noise-floor|power-law]
"""
import argparse
import os

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402

SHAPES = [("c_attn", 768, 2304), ("c_proj", 768, 768), ("c_fc", 768, 3072), ("mlp.c_proj", 3072, 768)]
RHO = 0.9


def task_vector(rng, rows, cols, spectrum, shared_u):
    rank = min(rows, cols) if spectrum == "power-law" else 64
    j = np.arange(1, rank + 1)
    weight = 1.0 / j if spectrum == "power-law" else j**-0.5
    U = rng.standard_normal((rows, rank)) / np.sqrt(rows)
    U[:, : shared_u.shape[1]] = shared_u
    V = rng.standard_normal((cols, rank)) / np.sqrt(cols)
    W = (U * weight) @ V.T
    if spectrum == "noise-floor":
        W += rng.standard_normal((rows, cols)) * np.sqrt(0.1 * np.sum(weight**2) / (rows * cols))
    return W.astype(np.float32)


def energy_rank(sigma, total):
    return int(np.searchsorted(np.cumsum(sigma**2), RHO * total * (1 - 1e-12)) + 1)


def randomized_rank(W, rng):
    total = float(np.sum(W.astype(np.float64) ** 2))
    block = 32
    while True:
        Y = W @ rng.standard_normal((W.shape[1], block), dtype=np.float32)
        Q, _ = np.linalg.qr(Y)
        Z, _ = np.linalg.qr(W.T @ Q)
        Q, _ = np.linalg.qr(W @ Z)
        sigma = np.linalg.svd(Q.T @ W, compute_uv=False)
        captured = float(np.sum(sigma.astype(np.float64) ** 2))
        if captured >= RHO * total:
            r = energy_rank(sigma.astype(np.float64), total)
            if r + 5 <= block or 2 * block > min(W.shape):
                return r
        block *= 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--spectrum", default="noise-floor", choices=["noise-floor", "power-law"])
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    shared_dim = 6 if args.spectrum == "power-law" else 4
    mats = []
    for name, rows, cols in SHAPES:
        shared = rng.standard_normal((rows, shared_dim)) / np.sqrt(rows)
        mats.append((name, [task_vector(rng, rows, cols, args.spectrum, shared) for _ in range(args.k)]))
    sketch_rng = np.random.default_rng(1)
    t0 = time.process_time()
    fast = {name: [randomized_rank(W, sketch_rng) for W in Ws] for name, Ws in mats}
    t1 = time.process_time()
    exact = {}
    for name, Ws in mats:
        exact[name] = []
        for W in Ws:
            _, sigma, _ = np.linalg.svd(W, full_matrices=False)
            exact[name].append(energy_rank(sigma.astype(np.float64), float(np.sum(W.astype(np.float64) ** 2))))
    t2 = time.process_time()
    ranks = "; ".join(f"{n}: {' '.join(map(str, fast[n]))} (exact {' '.join(map(str, exact[n]))})" for n, _ in mats)
    print(f"numpy {np.__version__}, {args.spectrum}, k = {args.k}: randomized {t1 - t0:.2f} CPU s, full SVD {t2 - t1:.2f} CPU s; ranks {ranks}")


if __name__ == "__main__":
    main()
