#!/usr/bin/env python3
"""Vectorize benchmark: `lacuna vectorize` against scikit-learn's TfidfVectorizer, same corpus, same run.

Usage (from the package root, after `swift build -c release`):
    python3 scripts/bench_vectorize.py [--docs 100000] [--corpus /tmp/synth100k.jsonl] [--repeat 3]

Both sides read the same JSON Lines file and vectorise title + "\\n" + abstract with
stop_words="english" (sklearn's list), sublinear_tf, min_df=2, max_df=0.5, float32, unigrams,
no stemming. Lacuna runs `lacuna vectorize FILE --stemmer none --ngrams 1 --stop-words sklearn
--sublinear-tf --min-df 2 --max-df 0.5 --stats` (vocabulary and matrix built; `--stats` prints
one JSON line of timings instead of the per-record terms). A second Lacuna run adds `--token-pattern '(?u)\b\w\w+\b'` (scikit-learn's tokeniser), whose
vocabulary size and non-zero count must equal scikit-learn's. Reported: best wall time of each
side (total, and fit+transform alone), CPU seconds (user + system; scikit-learn is single-threaded,
Lacuna uses every core), docs/s, MB/s, the ratios and the load average (the machine may be shared).
Python's figures include reading the JSONL, as Lacuna's total does.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time


def python_side(path):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    t0 = time.perf_counter()
    c0 = time.process_time()
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts.append(r["title"] + "\n" + (r.get("abstract") or ""))
    t1 = time.perf_counter()
    v = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5, dtype=np.float32)
    X = v.fit_transform(texts)
    t2 = time.perf_counter()
    return {"total": t2 - t0, "fit": t2 - t1, "cpu": time.process_time() - c0, "terms": len(v.vocabulary_),
            "nnz": int(X.nnz), "docs": len(texts)}


def lacuna_side(binary, path, sklearn_tokens=False):
    cmd = [binary, "vectorize", path, "--stemmer", "none", "--ngrams", "1", "--stop-words", "sklearn",
           "--sublinear-tf", "--min-df", "2", "--max-df", "0.5", "--stats", "--quiet"]
    if sklearn_tokens:
        cmd += ["--token-pattern", r"(?u)\b\w\w+\b"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    t1 = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = json.loads(out.strip().splitlines()[-1])
    return {"total": t1 - t0, "fit": stats["fit_transform_seconds"], "cpu": cpu, "terms": stats["terms"],
            "nnz": stats["nnz"], "docs": stats["documents"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100000)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--lacuna", default=".build/release/lacuna")
    args = ap.parse_args()
    path = args.corpus or f"/tmp/synth{args.docs // 1000}k.jsonl"
    if not os.path.exists(path):
        tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/tools/synth-corpus")
        subprocess.run([tool, "--docs", str(args.docs), "--seed", "1", "--out", path], check=True)
    size = os.path.getsize(path)
    py = min((python_side(path) for _ in range(args.repeat)), key=lambda r: r["total"])
    lc = min((lacuna_side(args.lacuna, path) for _ in range(args.repeat)), key=lambda r: r["total"])
    lt = min((lacuna_side(args.lacuna, path, sklearn_tokens=True) for _ in range(args.repeat)),
             key=lambda r: r["total"])
    mb = size / 1e6
    report = {
        "corpus": path, "bytes": size, "documents": py["docs"],
        "sklearn": {**py, "docs_per_s": py["docs"] / py["total"], "mb_per_s": mb / py["total"]},
        "lacuna": {**lc, "docs_per_s": lc["docs"] / lc["total"], "mb_per_s": mb / lc["total"]},
        "lacuna_token_pattern": {**lt, "docs_per_s": lt["docs"] / lt["total"], "mb_per_s": mb / lt["total"]},
        "speedup_total": py["total"] / lc["total"], "speedup_fit": py["fit"] / lc["fit"],
        "cpu_ratio": py["cpu"] / lc["cpu"],
        "load_average": os.getloadavg()[0],
        "token_pattern_same_vocabulary_size": py["terms"] == lt["terms"], "token_pattern_same_nnz": py["nnz"] == lt["nnz"],
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
