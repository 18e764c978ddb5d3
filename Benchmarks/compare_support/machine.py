#!/usr/bin/env python3
"""The machine a comparison ran on, as JSON: CPU model, cores, memory, OpenBLAS core of each side.

    machine.py LACUNA_BINARY
"""
import json, os, platform, subprocess, sys


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        return None


def lacuna_blas(binary):
    try:
        out = subprocess.run([binary, "bench", "--kernel", "sgemm", "--rows", "512", "--cols", "512",
                              "--dense-cols", "512", "--repeats", "1", "--no-ceilings", "--format", "json", "--quiet"],
                             capture_output=True, text=True, timeout=120).stdout
        row = json.loads(out)[0]
        return row.get("blas_core")
    except Exception:  # informative only
        return None


def sklearn_blas():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for i in threadpool_info() if i.get("user_api") == "blas"]
    except Exception:
        return None


def versions():
    out = {"python": platform.python_version()}
    for m in ("numpy", "scipy", "sklearn"):
        try:
            out[m] = __import__(m).__version__
        except Exception:
            pass
    try:
        import sklearn.cluster, sklearn.decomposition  # noqa: F401 (loads OpenBLAS so threadpoolctl sees it)
    except Exception:
        pass
    return out


def main():
    binary = sys.argv[1]
    v = versions()
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except Exception:
        swift = None
    json.dump({"cpu": cpu_model(), "cores": os.cpu_count(), "memory_gib": mem_gib(),
               "kernel": platform.release(), "lacuna_blas_core": lacuna_blas(binary),
               "sklearn_blas": sklearn_blas(), "versions": v, "swift": swift,
               "load_average": os.getloadavg()}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
