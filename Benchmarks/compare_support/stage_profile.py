#!/usr/bin/env python3
"""Where a lacuna command spends its time, from its stderr progress lines (no profiler needed).

    stage_profile.py -- lacuna fit FILE --out M ...

Runs the command with stderr on a pseudo-terminal (so lacuna prints its progress lines), stamps
every stderr line with the seconds since start, and prints the gaps between consecutive lines:
the time of the step that ends with each line, with the resident memory at that moment and the
peak since the previous line (sampled from /proc every 50 ms). Standard output goes to /dev/null.
"""
import os, pty, subprocess, sys, threading, time


class RSSSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.current, self.peak, self.done = pid, 0, 0, False

    def run(self):
        while not self.done:
            try:
                with open(f"/proc/{self.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            self.current = int(line.split()[1]) // 1024
                            self.peak = max(self.peak, self.current)
            except OSError:
                return
            time.sleep(0.05)

    def take(self):
        cur, peak = self.current, self.peak
        self.peak = cur
        return cur, peak


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    master, slave = pty.openpty()
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=slave, close_fds=True)
    os.close(slave)
    rss = RSSSampler(p.pid)
    rss.start()
    buf, last = b"", 0.0
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            t = time.monotonic() - t0
            cur, peak = rss.take()
            print(f"{t:8.2f} s  (+{t - last:7.2f} s)  RSS {cur:6d} MiB (peak in step {peak:6d})  {line.decode(errors='replace').rstrip()}", flush=True)
            last = t
    cur, peak = rss.take()
    rc = p.wait()
    rss.done = True
    t = time.monotonic() - t0
    print(f"{t:8.2f} s  (+{t - last:7.2f} s)  RSS {cur:6d} MiB (peak in step {peak:6d})  [exit {rc}]")
    sys.exit(rc)


if __name__ == "__main__":
    main()
