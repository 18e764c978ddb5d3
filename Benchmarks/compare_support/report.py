#!/usr/bin/env python3
"""Aggregates `Benchmarks/compare` runs into tables, a JSON summary and a log-log SVG plot.

    report.py --work DIR [--results FILE.json] [--readme README.md] [--svg FILE.svg]

Reads DIR/<N>/runs.tsv (N, round, tool, stage, wall s, user s, sys s, peak KiB), DIR/<N>/sk-compute.jsonl,
DIR/<N>/agreement.json and DIR/machine.json. Times are medians over rounds; peak memory the largest.
--readme replaces the block between `<!-- compare:begin -->` and `<!-- compare:end -->` (appending
a "## Side-by-side with scikit-learn" section with the markers if there is none); nothing else
in the file is touched.
"""
import argparse, csv, json, math, os, re, statistics, sys

BEGIN, END = "<!-- compare:begin -->", "<!-- compare:end -->"

# Table rows: (key, label, lacuna stages summed, sklearn stages summed, lacuna stages subtracted)
ROWS = [
    ("vectorise", "vectorise (`fit --dims 2` / TfidfVectorizer)", ["vectorise"], ["vectorise"], []),
    ("svd", "SVD 200, randomized, 5 power it. (Lacuna: fit − vectorise)", ["fit"], ["svd"], ["vectorise"]),
    ("fit", "vectorise + SVD (`lacuna fit --dims 200`)", ["fit"], ["vectorise", "svd"], []),
    ("kmeans", "k-means, k = 40 (`lacuna cluster`)", ["cluster"], ["kmeans"], []),
    ("similar", "rank 1,000 new records, cosine top-10 (`lacuna similar`)", ["similar"], ["similar"], []),
    ("pipeline", "**whole pipeline** (fit + cluster + similar)", ["fit", "cluster", "similar"], ["vectorise", "svd", "kmeans", "similar"], []),
]


def load_runs(d):
    runs = {}  # (tool, stage) -> {round: (wall, cpu, kib)}
    with open(os.path.join(d, "runs.tsv")) as f:
        for r in csv.reader(f, delimiter="\t"):
            if len(r) < 8:
                continue
            _, rnd, tool, stage, wall, user, sys_, kib = r[:8]
            runs.setdefault((tool, stage), {})[int(rnd)] = (float(wall), float(user) + float(sys_), int(kib))
    return runs


def combine(runs, tool, plus, minus):
    rounds = None
    for s in plus + minus:
        rs = set(runs.get((tool, s), {}))
        rounds = rs if rounds is None else rounds & rs
    if not rounds:
        return None
    walls, cpus, peaks = [], [], []
    for r in sorted(rounds):
        walls.append(sum(runs[(tool, s)][r][0] for s in plus) - sum(runs[(tool, s)][r][0] for s in minus))
        cpus.append(sum(runs[(tool, s)][r][1] for s in plus) - sum(runs[(tool, s)][r][1] for s in minus))
        peaks.append(max(runs[(tool, s)][r][2] for s in plus))
    return {"wall_s": statistics.median(walls), "cpu_s": statistics.median(cpus), "peak_mib": max(peaks) / 1024,
            "rounds": len(rounds), "wall_all": walls}


def sk_compute(d, stages):
    p = os.path.join(d, "sk-compute.jsonl")
    if not os.path.exists(p):
        return None
    vals = [sum(json.loads(l)[s] for s in stages) for l in open(p) if l.strip()]
    return statistics.median(vals) if vals else None


def agreement_text(key, a):
    if not a:
        return ""
    if key == "vectorise":
        v = a["vocabulary"]
        return f"terms: {v['lacuna']:,} / {v['sklearn']:,}"
    if key == "svd":
        s = a["singular_values"]
        return (f"σ₁ {s['lacuna_top5'][0]:.3f} / {s['sklearn_top5'][0]:.3f}; top-10 max rel. diff "
                f"{s['max_rel_diff_top10']:.1e}, all 200 {s['max_rel_diff_all']:.1e}; Σσ² ratio {s['sum_sq_ratio']:.4f}")
    if key == "fit":
        e = a.get("explained_energy") or {}
        if e.get("lacuna") is not None and e.get("sklearn") is not None:
            return f"energy kept {e['lacuna']:.4f} / {e['sklearn']:.4f}"
        return ""
    if key == "kmeans":
        r = a["ari"]
        return f"ARI vs topic {r['lacuna_vs_topic']:.3f} / {r['sklearn_vs_topic']:.3f}; Lacuna vs sklearn {r['lacuna_vs_sklearn']:.3f}"
    if key == "similar":
        r = a["ranking"]
        extra = (f"; Lacuna's picks score {r['sklearn_space_similarity_ratio']:.3f} of sklearn's in sklearn's space"
                 if "sklearn_space_similarity_ratio" in r else "")
        return (f"top-10 overlap {r['mean_top10_overlap']:.3f}{extra}; same-topic neighbours "
                f"{r['lacuna_topic_precision']:.3f} / {r['sklearn_topic_precision']:.3f}")
    return ""


def size_label(n):
    return f"{n // 1000000}M" if n >= 1000000 and n % 1000000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def collect(work):
    out = {}
    for name in sorted(os.listdir(work), key=lambda s: (len(s), s)):
        d = os.path.join(work, name)
        if not name.isdigit() or not os.path.exists(os.path.join(d, "runs.tsv")):
            continue
        runs = load_runs(d)
        agr = json.load(open(os.path.join(d, "agreement.json"))) if os.path.exists(os.path.join(d, "agreement.json")) else None
        rows = []
        skstages = {"vectorise": ["vectorise"], "svd": ["svd"], "fit": ["vectorise", "svd"], "kmeans": ["kmeans"],
                    "similar": ["similar"], "pipeline": ["vectorise", "svd", "kmeans", "similar"]}
        for key, label, lplus, splus, lminus in ROWS:
            l, s = combine(runs, "lacuna", lplus, lminus), combine(runs, "sklearn", splus, [])
            if key == "svd" and l:
                l["peak_mib"] = combine(runs, "lacuna", ["fit"], [])["peak_mib"]
            rows.append({"key": key, "label": label, "lacuna": l, "sklearn": s,
                         "sklearn_compute_s": sk_compute(d, skstages[key]),
                         "ratio": (s["wall_s"] / l["wall_s"]) if l and s and l["wall_s"] > 0 else None,
                         "cpu_ratio": (s["cpu_s"] / l["cpu_s"]) if l and s and l["cpu_s"] > 0 else None,
                         "agreement": agreement_text(key, agr)})
        out[int(name)] = {"rows": rows, "agreement": agr}
    return out


def markdown(results, machine):
    lines = []
    if machine:
        blas = machine.get("sklearn_blas") or []
        skb = ", ".join(sorted({f"OpenBLAS {b.get('version')} {b.get('architecture')} ×{b.get('num_threads')}" for b in blas})) or "?"
        v = machine.get("versions", {})
        lines += [f"Machine: {machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('memory_gib')} GiB; "
                  f"Lacuna's OpenBLAS core {machine.get('lacuna_blas_core')} ({machine.get('swift')}); "
                  f"scikit-learn {v.get('sklearn')} (numpy {v.get('numpy')}, scipy {v.get('scipy')}, Python {v.get('python')}, {skb}). "
                  f"Load average when the last `compare` run started: {', '.join(f'{x:.1f}' for x in machine.get('load_average', []))}.", ""]
    for n, r in results.items():
        rounds = max((row["lacuna"] or {}).get("rounds", 0) for row in r["rows"])
        lines += [f"### {n:,} documents ({rounds} round{'s' if rounds != 1 else ''}, medians)", "",
                  "| stage | Lacuna s | sklearn s | ratio | Lacuna CPU s | sklearn CPU s | CPU ratio | sklearn in-process s | Lacuna peak MiB | sklearn peak MiB | agreement (Lacuna / sklearn) |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for row in r["rows"]:
            l, s = row["lacuna"], row["sklearn"]
            f = lambda x, k, fmt="{:.2f}": fmt.format(x[k]) if x else "–"
            lines.append("| " + " | ".join([
                row["label"], f(l, "wall_s"), f(s, "wall_s"),
                f"{row['ratio']:.2f}×" if row["ratio"] else "–",
                f(l, "cpu_s"), f(s, "cpu_s"),
                f"{row['cpu_ratio']:.2f}×" if row["cpu_ratio"] else "–",
                f"{row['sklearn_compute_s']:.2f}" if row["sklearn_compute_s"] is not None else "–",
                f(l, "peak_mib", "{:.0f}"), f(s, "peak_mib", "{:.0f}"), row["agreement"]]) + " |")
        lines.append("")
    return "\n".join(lines)


def svg(results, path):
    """Wall time against N, log-log: one colour per stage, solid Lacuna, dashed scikit-learn."""
    series = [("fit", "vectorise + SVD", "#1f77b4"), ("kmeans", "k-means", "#2ca02c"),
              ("similar", "rank 1,000", "#9467bd"), ("pipeline", "whole pipeline", "#d62728")]
    ns = sorted(results)
    pts = {}
    for key, _, _ in series:
        for tool in ("lacuna", "sklearn"):
            pts[(key, tool)] = [(n, row[tool]["wall_s"]) for n in ns for row in results[n]["rows"]
                                if row["key"] == key and row[tool] and row[tool]["wall_s"] > 0]
    ys = [t for v in pts.values() for _, t in v]
    if not ns or not ys:
        return
    W, H, L, R, T, B = 720, 460, 70, 190, 40, 55
    # Half a decade of margin around the data; grid lines on whole decades.
    x0, x1 = math.log10(min(ns)) - 0.25, math.log10(max(ns)) + 0.25
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if y1 == y0:
        y1 += 1
    X = lambda n: L + (math.log10(n) - x0) / (x1 - x0) * (W - L - R)
    Y = lambda t: H - B - (math.log10(t) - y0) / (y1 - y0) * (H - T - B)
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="22" font-size="14" font-weight="bold">Wall time against corpus size (log–log): Lacuna solid, scikit-learn dashed</text>']
    for e in range(math.ceil(x0), math.floor(x1) + 1):
        o.append(f'<line x1="{X(10**e):.1f}" y1="{T}" x2="{X(10**e):.1f}" y2="{H-B}" stroke="#ddd"/>')
        o.append(f'<text x="{X(10**e):.1f}" y="{H-B+18}" text-anchor="middle">{size_label(10**e) if e >= 3 else 10**e}</text>')
    for n in ns:
        if abs(math.log10(n) - round(math.log10(n))) > 1e-9:
            o.append(f'<text x="{X(n):.1f}" y="{H-B+18}" text-anchor="middle">{size_label(n)}</text>')
    for e in range(y0, y1 + 1):
        o.append(f'<line x1="{L}" y1="{Y(10**e):.1f}" x2="{W-R}" y2="{Y(10**e):.1f}" stroke="#ddd"/>')
        lab = f"{10**e:g} s"
        o.append(f'<text x="{L-6}" y="{Y(10**e)+4:.1f}" text-anchor="end">{lab}</text>')
    o.append(f'<rect x="{L}" y="{T}" width="{W-L-R}" height="{H-T-B}" fill="none" stroke="#333"/>')
    o.append(f'<text x="{(L+W-R)/2:.0f}" y="{H-12}" text-anchor="middle">documents</text>')
    o.append(f'<text x="16" y="{(T+H-B)/2:.0f}" text-anchor="middle" transform="rotate(-90 16 {(T+H-B)/2:.0f})">wall seconds</text>')
    for i, (key, label, colour) in enumerate(series):
        for tool, dash in (("lacuna", ""), ("sklearn", ' stroke-dasharray="6 4"')):
            p = pts[(key, tool)]
            if len(p) > 1:
                d = " ".join(f"{X(n):.1f},{Y(t):.1f}" for n, t in p)
                o.append(f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            for n, t in p:
                shape = (f'<circle cx="{X(n):.1f}" cy="{Y(t):.1f}" r="3.5" fill="{colour}"/>' if tool == "lacuna" else
                         f'<rect x="{X(n)-3.5:.1f}" y="{Y(t)-3.5:.1f}" width="7" height="7" fill="white" stroke="{colour}" stroke-width="1.5"/>')
                o.append(shape)
        ly = T + 14 + i * 36
        o.append(f'<line x1="{W-R+14}" y1="{ly}" x2="{W-R+44}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        o.append(f'<line x1="{W-R+14}" y1="{ly+14}" x2="{W-R+44}" y2="{ly+14}" stroke="{colour}" stroke-width="2" stroke-dasharray="6 4"/>')
        o.append(f'<text x="{W-R+50}" y="{ly+4}">{label}: Lacuna</text>')
        o.append(f'<text x="{W-R+50}" y="{ly+18}">scikit-learn</text>')
    o.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(o) + "\n")


def update_readme(path, block):
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    body = f"{BEGIN}\n{block.rstrip()}\n{END}"
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: body, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n## Side-by-side with scikit-learn\n\n" + body + "\n"
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--results")
    ap.add_argument("--readme")
    ap.add_argument("--svg")
    a = ap.parse_args()
    results = collect(a.work)
    mpath = os.path.join(a.work, "machine.json")
    machine = json.load(open(mpath)) if os.path.exists(mpath) else None
    block = markdown(results, machine)
    print(block)
    if a.results:
        with open(a.results, "w") as f:
            json.dump({"machine": machine, "sizes": {str(n): r for n, r in results.items()}}, f, indent=1)
            f.write("\n")
    if a.svg:
        svg(results, a.svg)
    if a.readme:
        update_readme(a.readme, block)


if __name__ == "__main__":
    main()
