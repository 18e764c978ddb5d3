#!/usr/bin/env python3
"""One stage of the scikit-learn side of `Benchmarks/compare`, as its own process.

    sk_stage.py vectorise CORPUS DIR     TfidfVectorizer on title + "\\n" + abstract -> DIR/X.npz, DIR/vectorizer.pkl
    sk_stage.py svd DIR [--dims 200]     TruncatedSVD(randomized, n_iter=5) -> DIR/Z.npy, DIR/components.npy
    sk_stage.py kmeans DIR [--k 40] [--n-init 10] [--max-iter 100]
                                         KMeans on the L2-normalised SVD output -> DIR/labels.npy
    sk_stage.py similar DIR QUERIES [--top 10]
                                         queries through the fitted vectoriser and SVD, cosine top-k
                                         (NearestNeighbors, brute) -> DIR/neighbours.npy

Each stage reads the previous stage's output from .npy/.npz files, so `/usr/bin/time` around
the process gives that stage's wall time and peak resident memory. The time spent in the stage's
own work (reading the records and the scikit-learn calls, not Python's start-up, the imports or
the intermediate files) is written to DIR/<stage>.json as "compute_s", with what the agreement
checks need (vocabulary size, singular values).
"""
import argparse, json, os, pickle, sys, time

import numpy as np


def read_texts(path):
    texts, topics = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts.append((r.get("title") or "") + "\n" + (r.get("abstract") or ""))
                topics.append(r.get("topic", -1))
    return texts, topics


def write_meta(d, stage, meta):
    with open(os.path.join(d, stage + ".json"), "w") as f:
        json.dump(meta, f)


def vectorise(a):
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    t0 = time.perf_counter()
    texts, topics = read_texts(a.corpus)
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5, dtype=np.float32)
    x = vec.fit_transform(texts)
    compute = time.perf_counter() - t0
    vec.stop_words_ = None  # the pruned terms are not needed to transform (scikit-learn's advice before pickling)
    sparse.save_npz(os.path.join(a.dir, "X.npz"), x, compressed=False)
    with open(os.path.join(a.dir, "vectorizer.pkl"), "wb") as f:
        pickle.dump(vec, f, protocol=pickle.HIGHEST_PROTOCOL)
    np.save(os.path.join(a.dir, "topics.npy"), np.asarray(topics, dtype=np.int32))
    write_meta(a.dir, "vectorise", {"compute_s": compute, "documents": x.shape[0],
                                     "vocabulary_size": len(vec.vocabulary_), "nnz": int(x.nnz)})


def svd(a):
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    x = sparse.load_npz(os.path.join(a.dir, "X.npz"))
    t0 = time.perf_counter()
    s = TruncatedSVD(a.dims, algorithm="randomized", n_iter=5, random_state=0)
    z = s.fit_transform(x).astype(np.float32, copy=False)
    compute = time.perf_counter() - t0
    np.save(os.path.join(a.dir, "Z.npy"), z)
    np.save(os.path.join(a.dir, "components.npy"), s.components_.astype(np.float32, copy=False))
    write_meta(a.dir, "svd", {"compute_s": compute, "singular_values": [float(v) for v in s.singular_values_],
                               "explained_energy": float(np.sum(s.singular_values_ ** 2) / x.multiply(x).sum())})


def kmeans(a):
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import normalize
    z = np.load(os.path.join(a.dir, "Z.npy"))
    t0 = time.perf_counter()
    km = KMeans(a.k, n_init=a.n_init, max_iter=a.max_iter, random_state=0)
    labels = km.fit_predict(normalize(z))
    compute = time.perf_counter() - t0
    np.save(os.path.join(a.dir, "labels.npy"), labels.astype(np.int32))
    write_meta(a.dir, "kmeans", {"compute_s": compute, "inertia": float(km.inertia_), "iterations": int(km.n_iter_)})


def similar(a):
    from sklearn.neighbors import NearestNeighbors
    from sklearn.preprocessing import normalize
    with open(os.path.join(a.dir, "vectorizer.pkl"), "rb") as f:
        vec = pickle.load(f)
    comps = np.load(os.path.join(a.dir, "components.npy"))
    z = np.load(os.path.join(a.dir, "Z.npy"))
    t0 = time.perf_counter()
    texts, _ = read_texts(a.queries)
    q = normalize(vec.transform(texts) @ comps.T)  # TruncatedSVD.transform, then unit length
    nn = NearestNeighbors(n_neighbors=a.top, metric="cosine", algorithm="brute").fit(z)
    dist, idx = nn.kneighbors(q)
    compute = time.perf_counter() - t0
    np.save(os.path.join(a.dir, "neighbours.npy"), idx.astype(np.int64))
    write_meta(a.dir, "similar", {"compute_s": compute, "queries": len(texts)})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="stage", required=True)
    p = sub.add_parser("vectorise"); p.add_argument("corpus"); p.add_argument("dir"); p.set_defaults(run=vectorise)
    p = sub.add_parser("svd"); p.add_argument("dir"); p.add_argument("--dims", type=int, default=200); p.set_defaults(run=svd)
    p = sub.add_parser("kmeans"); p.add_argument("dir"); p.add_argument("--k", type=int, default=40)
    p.add_argument("--n-init", type=int, default=10); p.add_argument("--max-iter", type=int, default=100); p.set_defaults(run=kmeans)
    p = sub.add_parser("similar"); p.add_argument("dir"); p.add_argument("queries"); p.add_argument("--top", type=int, default=10)
    p.set_defaults(run=similar)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    a.run(a)


if __name__ == "__main__":
    sys.exit(main())
