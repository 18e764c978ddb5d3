#!/usr/bin/env python3
"""Clustering agreement on the synthetic corpus: lacuna vs scikit-learn, by adjusted Rand index.

    scripts/cluster_agreement.py [--docs 20000] [--k 40] [--dims 100] [--seeds 0 1 2]
                                 [--lacuna .build/release/lacuna] [--corpus FILE]

Generates the corpus with ../shared/tools/synth-corpus (--seed 1; records carry their generating
`topic`) unless --corpus is given, then for every seed:
  * lacuna: `lacuna fit CORPUS --dims D --seed S <vectoriser flags>` then
    `lacuna cluster CORPUS --model M --k K --seed S --format json`; and, as a second figure,
    `lacuna cluster CORPUS --dims D --k K --seed S <vectoriser flags>` (fit on its own input);
  * scikit-learn: TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5)
    on title + "\\n" + abstract, TruncatedSVD(D, random_state=S), KMeans(K, random_state=S)
    (its defaults: k-means++, n_init="auto", i.e. one run), the pipeline the issue names.
Prints the ARI of each against `topic`, per seed and the mean, plus wall times.
The vectoriser settings are the same on both sides: no stemming, unigrams, scikit-learn's
English stop words, sublinear tf, min_df 2, max_df 0.5, l2 norm, smooth idf.

Measured (2 cores, 20k records, k=40, dims=100, seeds 0 1 2; 2026-11-25):
  lacuna fit + cluster --model: ARI 1.0000, 1.0000, 1.0000 (mean 1.0000; seeds 3-7 of the
    cluster step on the seed-0 model: 1.0000 each)
  lacuna cluster (own fit):     ARI 1.0000, 1.0000, 1.0000 (also 1.0000 at the default 200 dims)
  scikit-learn:                 ARI 0.9689, 1.0000, 0.9705 (mean 0.9798)
  Restarts matter: with --restarts 1 (one k-means++ run, like sklearn's n_init="auto") lacuna
  gets 0.9711 on seed 0; 3 restarts already reach 1.0000; the default is 10 (cheap: the
  clustering step is seconds, the silhouette is exact and linear).
  Rerun after the Cholesky-QR SVD (seed 0): lacuna 1.0000 (fit 7.4 s + cluster 6.6 s; own fit
  12.8 s) vs scikit-learn 0.9689 (33.2 s), on a shared, loaded machine.
  With Lacuna's default vectoriser instead (stemming, bigrams, min-df 1; 1.82M terms, 200 dims):
  ARI 0.9999, 181 s wall, 5.3 GB peak.
"""
import argparse, json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VECTORISER = ["--stemmer", "none", "--ngrams", "1", "--stop-words", "sklearn", "--sublinear-tf",
              "--min-df", "2", "--max-df", "0.5"]


def run(cmd):
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return p.stdout, p.stderr, time.time() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--k", type=int, default=40)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--lacuna", default=os.path.join(ROOT, ".build", "release", "lacuna"))
    ap.add_argument("--corpus")
    ap.add_argument("--skip-sklearn", action="store_true")
    a = ap.parse_args()

    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    tmp = tempfile.mkdtemp(prefix="lacuna-agreement-")
    corpus = a.corpus
    if corpus is None:
        corpus = os.path.join(tmp, f"synth{a.docs}.jsonl")
        tool = os.path.join(ROOT, "..", "shared", "tools", "synth-corpus")
        if not os.path.exists(tool):
            tool = "/work/shared/tools/synth-corpus"
        run([tool, "--docs", str(a.docs), "--seed", "1", "--out", corpus])
    records = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
    ids = [r["id"] for r in records]
    truth = [r["topic"] for r in records]
    texts = [r["title"] + "\n" + r.get("abstract", "") for r in records]
    print(f"corpus: {corpus} ({len(records)} records, {len(set(truth))} topics); k={a.k}, dims={a.dims}")

    def ari_of(assignments):
        return adjusted_rand_score(truth, [assignments[i] for i in ids])

    rows = []
    for seed in a.seeds:
        model = os.path.join(tmp, f"m{seed}.lacuna")
        _, fit_err, t_fit = run([a.lacuna, "fit", corpus, "--out", model, "--dims", str(a.dims),
                                 "--seed", str(seed)] + VECTORISER)
        out, _, t_cl = run([a.lacuna, "cluster", corpus, "--model", model, "--k", str(a.k),
                            "--seed", str(seed), "--format", "json"])
        lac_model = ari_of(json.loads(out)["assignments"])
        out, _, t_direct = run([a.lacuna, "cluster", corpus, "--dims", str(a.dims), "--k", str(a.k),
                                "--seed", str(seed), "--format", "json"] + VECTORISER)
        lac_direct = ari_of(json.loads(out)["assignments"])
        sk, t_sk = float("nan"), float("nan")
        if not a.skip_sklearn:
            t = time.time()
            x = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
            z = TruncatedSVD(a.dims, random_state=seed).fit_transform(x)
            labels = KMeans(a.k, random_state=seed).fit_predict(z)
            t_sk = time.time() - t
            sk = adjusted_rand_score(truth, labels)
        rows.append((seed, lac_model, lac_direct, sk))
        print(f"seed {seed}: lacuna fit+cluster ARI {lac_model:.4f} ({t_fit:.1f}+{t_cl:.1f} s), "
              f"lacuna cluster (own fit) ARI {lac_direct:.4f} ({t_direct:.1f} s), "
              f"scikit-learn ARI {sk:.4f} ({t_sk:.1f} s)")
        sys.stdout.flush()
    mean = lambda j: sum(r[j] for r in rows) / len(rows)
    print(f"mean over seeds {a.seeds}: lacuna fit+cluster {mean(1):.4f}, lacuna cluster {mean(2):.4f}, "
          f"scikit-learn {mean(3):.4f}")


if __name__ == "__main__":
    main()
