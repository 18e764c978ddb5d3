#!/usr/bin/env python3
"""Agreement between Lacuna's and scikit-learn's answers for one corpus size, as JSON.

    agreement.py DIR      (DIR as `Benchmarks/compare` leaves it: corpus.jsonl, queries.jsonl,
                           l-fit.json, l-info.json, l-cluster.json, l-similar.jsonl, sk/)

- vocabulary size of each vectoriser;
- singular values: the top five of each, the largest relative difference over the top 10 and over
  all 200 (a randomized SVD's tail is approximate on both sides, so the tail differs more);
- explained energy Σσ²/‖X‖²_F of each;
- clustering: adjusted Rand index of each tool's k-means against the generating topic, and
  between the two tools;
- ranking: mean overlap of the two top-10 lists per query (|L ∩ S| / 10), and for each tool the
  share of neighbours whose generating topic is the query's (topic precision@10).
"""
import json, os, sys

import numpy as np
from sklearn.metrics import adjusted_rand_score


def topics_and_ids(path):
    ids, topics = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                ids.append(r["id"]); topics.append(r.get("topic", -1))
    return ids, np.asarray(topics)


def main():
    d = sys.argv[1]
    sk = os.path.join(d, "sk")
    ids, topics = topics_and_ids(os.path.join(d, "corpus.jsonl"))
    qids, qtopics = topics_and_ids(os.path.join(d, "queries.jsonl"))
    row = {id_: i for i, id_ in enumerate(ids)}
    out = {"documents": len(ids), "queries": len(qids)}

    lfit = json.load(open(os.path.join(d, "l-fit.json")))
    linfo = json.load(open(os.path.join(d, "l-info.json")))
    svec = json.load(open(os.path.join(sk, "vectorise.json")))
    ssvd = json.load(open(os.path.join(sk, "svd.json")))
    out["vocabulary"] = {"lacuna": lfit["vocabulary_size"], "sklearn": svec["vocabulary_size"]}
    ls, ss = np.asarray(linfo["singular_values"], float), np.asarray(ssvd["singular_values"], float)
    m = min(len(ls), len(ss))
    rel = np.abs(ls[:m] - ss[:m]) / ss[:m]
    out["singular_values"] = {"lacuna_top5": [round(v, 4) for v in ls[:5]], "sklearn_top5": [round(v, 4) for v in ss[:5]],
                              "max_rel_diff_top10": float(rel[:10].max()), "max_rel_diff_all": float(rel.max()),
                              "sum_sq_ratio": float(np.sum(ls[:m] ** 2) / np.sum(ss[:m] ** 2))}
    out["explained_energy"] = {"lacuna": linfo.get("explained_energy"), "sklearn": ssvd.get("explained_energy")}

    lcl = json.load(open(os.path.join(d, "l-cluster.json")))
    llab = np.full(len(ids), -1)
    for id_, c in lcl["assignments"].items():
        llab[row[id_]] = c
    assert (llab >= 0).all(), "a corpus record has no Lacuna cluster"
    slab = np.load(os.path.join(sk, "labels.npy"))
    out["ari"] = {"lacuna_vs_topic": adjusted_rand_score(topics, llab), "sklearn_vs_topic": adjusted_rand_score(topics, slab),
                  "lacuna_vs_sklearn": adjusted_rand_score(llab, slab)}

    lnn = {}
    with open(os.path.join(d, "l-similar.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            lnn.setdefault(r["query"], []).append((r["rank"], row[r["id"]]))
    snn = np.load(os.path.join(sk, "neighbours.npy"))
    overlap, lprec, sprec = [], [], []
    for qi, q in enumerate(qids):
        lrow = [i for _, i in sorted(lnn.get(q, []))]
        srow = list(snn[qi])
        overlap.append(len(set(lrow) & set(srow)) / len(srow))
        lprec.append(np.mean(topics[lrow] == qtopics[qi]) if lrow else 0.0)
        sprec.append(np.mean(topics[srow] == qtopics[qi]))
    # How good Lacuna's picks are by scikit-learn's own measure: cosine in scikit-learn's LSA space
    # of Lacuna's ten neighbours, summed, over that of scikit-learn's ten (1.0 = as close).
    import pickle
    from sklearn.preprocessing import normalize
    with open(os.path.join(sk, "vectorizer.pkl"), "rb") as f:
        vec = pickle.load(f)
    comps = np.load(os.path.join(sk, "components.npy"))
    z = normalize(np.load(os.path.join(sk, "Z.npy")))
    texts = [(r.get("title") or "") + "\n" + (r.get("abstract") or "")
             for r in map(json.loads, open(os.path.join(d, "queries.jsonl"), encoding="utf-8")) ]
    qe = normalize(vec.transform(texts) @ comps.T)
    ratios = []
    for qi, q in enumerate(qids):
        lrow = [i for _, i in sorted(lnn.get(q, []))]
        srow = list(snn[qi])
        ratios.append(float(np.sum(z[lrow] @ qe[qi]) / np.sum(z[srow] @ qe[qi])))
    out["ranking"] = {"mean_top10_overlap": float(np.mean(overlap)),
                      "sklearn_space_similarity_ratio": float(np.mean(ratios)),
                      "lacuna_topic_precision": float(np.mean(lprec)), "sklearn_topic_precision": float(np.mean(sprec)),
                      "queries_answered_by_lacuna": len(lnn)}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
