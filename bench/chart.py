"""Draws bench/report.png for scripts/bench.sh, locally with matplotlib (Agg).

  chart.py RESULTS.tsv TITLE OUT.png

RESULTS.tsv holds one "endpoint<TAB>requests/s<TAB>p50 ms<TAB>p99 ms<TAB>D1 trips"
line per endpoint, the floor (one D1 INSERT) first. Left panel: requests/s, each bar
labelled with its ratio to the floor. Right panel: p50 as a bar and p99 as a
marker, on a logarithmic axis (the two differ by up to two orders of magnitude).
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402


def main(results, title, out):
    rows = []
    with open(results) as f:
        for line in f:
            name, rps, p50, p99 = line.rstrip("\n").split("\t")[:4]
            rows.append((name, float(rps), float(p50), float(p99)))
    if not rows:
        raise SystemExit("chart.py: no results in " + results)
    names = [r[0] for r in rows]
    rps = [r[1] for r in rows]
    p50 = [r[2] for r in rows]
    p99 = [r[3] for r in rows]
    floor = rps[0]
    y = list(range(len(rows)))

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.55 * len(rows) + 1.9), sharey=True,
                                      gridspec_kw={"width_ratios": [1.1, 1]})
    fig.suptitle(title, fontsize=10)

    colours = ["#7f7f7f"] + ["#1f77b4"] * (len(rows) - 1)
    left.barh(y, rps, color=colours)
    left.set_xlim(0, max(rps) * 1.32)
    for i, value in enumerate(rps):
        label = "%.0f (floor)" % value if i == 0 else "%.0f (%.2f×)" % (value, value / floor)
        left.text(value + max(rps) * 0.01, i, label, va="center", fontsize=8)
    left.set_yticks(y)
    left.set_yticklabels(names, fontsize=9)
    left.invert_yaxis()
    left.set_xlabel("requests/s (higher is better)")
    left.grid(axis="x", alpha=0.3)
    left.set_axisbelow(True)

    right.barh(y, p50, color=colours)
    right.plot(p99, y, "D", color="#d62728", markersize=6)
    for i in y:
        right.hlines(i, p50[i], p99[i], color="#d62728", linewidth=1, alpha=0.5)
        right.text(p99[i] * 1.15, i, "p50 %.1f / p99 %.0f ms" % (p50[i], p99[i]), va="center", fontsize=8)
    right.set_xscale("log")
    right.set_xlim(min(p50) / 2, max(p99) * 40)
    right.set_xlabel("latency, ms (log scale; lower is better)")
    right.grid(axis="x", which="major", alpha=0.3)
    right.set_axisbelow(True)
    right.legend(handles=[Patch(color="#1f77b4", label="p50 (bar)"),
                          Line2D([], [], marker="D", color="#d62728", linestyle="", label="p99 (marker)")],
                 loc="upper right", fontsize=8)

    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3])
