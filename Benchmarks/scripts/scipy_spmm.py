#!/usr/bin/env python3
"""SciPy's csr_matrix @ ndarray on the shapes `lacuna bench` uses, for a same-run comparison.

    scipy_spmm.py [--rows 100000] [--cols 50000] [--nnz 10000000] [--dense-cols 200] [--repeats 3]

Prints one JSON object per kernel (spmm: A @ B, spmm_t: A.T @ B) with the best time and GFLOP/s.
The matrix has nnz/rows entries per row at uniformly random columns (duplicates merged) and
values uniform in (0, 1), like `lacuna bench`'s seeded matrices.
"""
import argparse, json, time
import numpy as np
import scipy.sparse as sp

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--rows", type=int, default=100_000)
ap.add_argument("--cols", type=int, default=50_000)
ap.add_argument("--nnz", type=int, default=10_000_000)
ap.add_argument("--dense-cols", type=int, default=200)
ap.add_argument("--repeats", type=int, default=3)
a = ap.parse_args()
rng = np.random.default_rng(1)
per_row = a.nnz // a.rows
rows = np.repeat(np.arange(a.rows), per_row)
cols = rng.integers(0, a.cols, rows.size)
A = sp.csr_matrix((rng.random(rows.size, dtype=np.float32), (rows, cols)), shape=(a.rows, a.cols))
A.sum_duplicates(); A.sort_indices()
B = rng.random((a.cols, a.dense_cols), dtype=np.float32)
Bt = rng.random((a.rows, a.dense_cols), dtype=np.float32)
for name, f in (("spmm", lambda: A @ B), ("spmm_t", lambda: A.T @ Bt)):
    f()  # warm-up
    times = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(json.dumps({"kernel": name, "peer": f"scipy {sp.__name__} {__import__('scipy').__version__}",
                      "shape": f"{a.rows}x{a.cols} nnz={A.nnz} * {a.dense_cols}", "seconds": best,
                      "gflops": 2 * A.nnz * a.dense_cols / best / 1e9}))
