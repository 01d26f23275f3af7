#!/usr/bin/env python3
"""Analysis for bench/run (stdlib only).

Subcommands
  row     one fixed-rate run: the nginx access-log slice ($msec), `/usr/bin/time -v`, and for
          ours the file destination's results -> one JSON line appended to runs.jsonl
  wrk     one closed-model wrk run -> one JSON line
  report  runs.jsonl + extras (idle RSS, JMH, meta) -> the results Markdown
  ab-report  bench/client-ab's runs.jsonl and class-load logs -> its Markdown table

The pacing figures are computed as in ../shared/peers-bench/analyze.py (same definitions, so
the rows compare with RESULTS.md there).
"""
import argparse
import json
import math
import re
import statistics
import sys


# --------------------------------------------------------------------------- inputs
def parse_time_v(path):
    out = {"user_s": None, "sys_s": None, "maxrss_kb": None, "wall_s": None, "exit": None,
           "signal": None}
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return out
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("User time (seconds):"):
            out["user_s"] = float(line.split(":")[1])
        elif line.startswith("System time (seconds):"):
            out["sys_s"] = float(line.split(":")[1])
        elif line.startswith("Maximum resident set size (kbytes):"):
            out["maxrss_kb"] = int(line.split(":")[1])
        elif line.startswith("Elapsed (wall clock) time"):
            secs = 0.0
            for p in line.rsplit(" ", 1)[1].split(":"):
                secs = secs * 60 + float(p)
            out["wall_s"] = secs
        elif line.startswith("Exit status:"):
            out["exit"] = int(line.split(":")[1])
        elif line.startswith("Command terminated by signal"):
            out["signal"] = int(line.rsplit(" ", 1)[1])
    return out


def read_log_slice(path, start, end):
    """Sorted request times (epoch seconds, 1 ms resolution), non-200 count, connections."""
    ts, non200, conns = [], 0, set()
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(max(0, end - start))
    for raw in data.decode("ascii", "replace").splitlines():
        parts = raw.split()
        if len(parts) < 3:
            continue
        try:
            ts.append(float(parts[0]))
        except ValueError:
            continue
        if parts[1] != "200":
            non200 += 1
        conns.add(parts[2])
    ts.sort()
    return ts, non200, len(conns)


def pacing(ts):
    """Per-second counts over the full seconds after the first request, bursts, gap CV."""
    res = {"sec_min": None, "sec_med": None, "sec_max": None, "gap_cv": None,
           "max_per_10ms": None, "max_per_100ms": None, "p99_per_10ms": None, "same_ms_pct": None}
    if len(ts) < 3:
        return res
    first = ts[0]
    nsec = int(math.floor(ts[-1] - first))
    horizon = nsec if nsec >= 1 else ts[-1] - first
    if nsec >= 1:
        counts = [0] * nsec
        for t in ts:
            k = int((t - first) // 1.0)
            if k < nsec:
                counts[k] += 1
        res.update(sec_min=min(counts), sec_med=statistics.median(counts), sec_max=max(counts))
    for width, key in ((10.0, "max_per_100ms"), (100.0, "max_per_10ms")):
        nb = max(1, int(round(horizon * width)))
        b = [0] * nb
        for t in ts:
            k = int((t - first) * width + 1e-9)
            if k < nb:
                b[k] += 1
        res[key] = max(b)
        if width == 100.0:
            res["p99_per_10ms"] = sorted(b)[int(0.99 * (len(b) - 1))]
    gaps = [ts[i + 1] - ts[i] for i in range(len(ts) - 1)]
    mean = statistics.fmean(gaps)
    if mean > 0:
        res["gap_cv"] = statistics.pstdev(gaps) / mean
    res["same_ms_pct"] = 100.0 * sum(1 for g in gaps if g < 0.0005) / len(gaps)
    return res


def pct(sorted_vals, p):
    if not sorted_vals:
        return None
    return sorted_vals[min(len(sorted_vals) - 1, int(math.ceil(p / 100.0 * len(sorted_vals))) - 1)]


def ours_results(path):
    """Our file destination's day file: schedule lag from the execution lines, the minute account."""
    lags, minute, outcomes, starts = [], None, {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if '"kind":"execution"' in line:
                d = json.loads(line)
                lags.append((d["planned_epoch_ns"], (d["start_epoch_ns"] - d["planned_epoch_ns"]) / 1e6))
                if d.get("error_class") != "dropped":
                    starts.append(d["start_epoch_ns"] / 1e9)
                key = "ok" if d["ok"] else (d.get("error_class") or "failed")
                outcomes[key] = outcomes.get(key, 0) + 1
            elif '"kind":"minute"' in line:
                minute = json.loads(line)
    lags.sort()
    out = {"outcomes": outcomes}
    if minute:
        out["account"] = {k: minute.get(k) for k in ("planned", "started", "completed", "ok", "failed",
                                                      "dropped", "cancelled", "skipped")}
    all_lags = sorted(l for _, l in lags)
    out["lag_all"] = summary_ms(all_lags)
    # Steady state: from the first execution that started within 1 ms of its plan, i.e. after
    # the start-up catch-up (which is measured by the start-up and 10 ms-window figures).
    first_on_time = next((i for i, (_, l) in enumerate(lags) if l < 1.0), len(lags))
    out["catch_up_executions"] = first_on_time
    out["lag_steady"] = summary_ms(sorted(l for _, l in lags[first_on_time:]))
    # The same windows over our own start times: how even the generator was, apart from the
    # target (nginx logs a request when it has answered it, so its own stalls bunch the log).
    starts.sort()
    paced = pacing(starts)
    out["starts"] = {k: paced.get(k) for k in ("max_per_10ms", "p99_per_10ms", "max_per_100ms")}
    return out


def summary_ms(vals):
    if not vals:
        return None
    return {"n": len(vals), "p50": pct(vals, 50), "p99": pct(vals, 99), "max": vals[-1]}


# --------------------------------------------------------------------------- row
def cmd_row(a):
    tv = parse_time_v(a.timefile)
    ts, non200, nconn = read_log_slice(a.log, a.log_start, a.log_end)
    cpu = tv["user_s"] + tv["sys_s"] if tv["user_s"] is not None else None
    row = {"tool": a.tool, "kind": a.kind, "rate": a.rate, "rep": a.rep, "duration_s": a.duration,
           "cmd": a.cmd, "exit": tv["exit"], "signal": tv["signal"], "wrapper_rc": a.rc,
           "cpu_s": cpu, "maxrss_kb": tv["maxrss_kb"], "wall_s": tv["wall_s"],
           "requested": int(a.rate * a.duration), "served": len(ts), "non200": non200,
           "connections": nconn,
           "nginx_cpu_s": (a.nginx_cpu_after - a.nginx_cpu_before) / a.clk_tck}
    row["startup_ms"] = (ts[0] - a.t0) * 1000.0 if ts else None
    row["active_s"] = ts[-1] - ts[0] if ts else None
    row.update(pacing(ts))
    row["cpu_us_per_req"] = cpu / len(ts) * 1e6 if cpu is not None and ts else None
    if a.results:
        try:
            row["ours"] = ours_results(a.results)
        except (OSError, ValueError, KeyError) as e:
            row["ours"] = {"error": str(e)}
    with open(a.out, "a", encoding="utf-8") as f:
        f.write(json.dumps(row, sort_keys=True) + "\n")
    show = {k: row.get(k) for k in ("tool", "rate", "rep", "requested", "served", "cpu_us_per_req",
                                     "maxrss_kb", "startup_ms", "sec_min", "sec_max", "gap_cv",
                                     "max_per_10ms", "exit")}
    if a.results and "ours" in row:
        show["lag_steady"] = row["ours"].get("lag_steady")
        show["lag_all"] = row["ours"].get("lag_all")
    print(json.dumps(show))


def cmd_wrk(a):
    text = open(a.output, encoding="utf-8", errors="replace").read()
    m = re.search(r"Requests/sec:\s+([0-9.]+)", text)
    tv = parse_time_v(a.timefile)
    row = {"tool": "wrk", "kind": "max", "rep": a.rep, "duration_s": a.duration,
           "rps": float(m.group(1)) if m else None, "maxrss_kb": tv["maxrss_kb"]}
    with open(a.out, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")
    print(json.dumps(row))


# --------------------------------------------------------------------------- report
def med(vals):
    vals = [v for v in vals if v is not None]
    return statistics.median(vals) if vals else None


def fmt(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


def same_rep_ratio(runs, r, ref, key):
    for q in runs:
        if q["tool"] == ref and q["kind"] == r["kind"] and q["rate"] == r["rate"] and q["rep"] == r["rep"]:
            if q.get(key) and r.get(key) is not None:
                return r[key] / q[key]
    return None


def lag(r, which, key):
    o = r.get("ours") or {}
    s = o.get(which) or {}
    return s.get(key)


def goal_row(w, measure, peers, goal, value, ok, miss):
    state = "**met**" if ok else f"**missed** ({miss})"
    w(f"| {measure} | {peers} | {goal} | {value} | {state} |")


def cmd_report(a):
    runs = [json.loads(l) for l in open(a.runs, encoding="utf-8") if l.strip()]
    extra = json.load(open(a.extra, encoding="utf-8")) if a.extra else {}
    meta = extra.get("meta", {})
    rate_runs = [r for r in runs if r["kind"] == "rate"]
    held = [r for r in runs if r["kind"] == "hold"]
    wrk = [r for r in runs if r["kind"] == "max"]
    out = []
    w = out.append
    w(f"# Benchmark: ours beside the peers ({meta.get('date', '?')})")
    w("")
    w(f"Host: {meta.get('host', '?')}. Target: nginx {meta.get('versions', {}).get('nginx', '?')}, "
      "1 worker, `return 200 \"ok\"`, keep-alive, 127.0.0.1, every request logged with `$msec`. "
      f"Load before the run: `{meta.get('uptime', '?')}`. Whole run: {meta.get('elapsed', '?')}.")
    w("")
    w("Versions: " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()))
    w("")
    w("## How ours was run")
    w("")
    for line in meta.get("ours_setup", []):
        w(f"- {line}")
    w("")
    tools = []
    for r in rate_runs:
        if r["tool"] not in tools:
            tools.append(r["tool"])
    rates = sorted({r["rate"] for r in rate_runs})
    for rate in rates:
        secs = sorted({fmt(r["duration_s"]) for r in rate_runs if r["rate"] == rate})
        w(f"## Fixed rate {rate:,}/s, runs of {' or '.join(secs)} s (ours a cron minute; medians; n = runs)")
        w("")
        w("| tool | requested | served (min–max) | per-second min/med/max | max/10ms (exp {}) | "
          "p99/10ms | max/100ms (exp {}) | gap CV | CPU µs/req | CPU ×h2load (same rep) | "
          "peak RSS MB | start to first request ms | conns | lag p50/p99/max ms (steady) | "
          "lag p50/p99/max ms (whole minute) | n |".format(fmt(rate / 100), fmt(rate / 10)))
        w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for tool in tools:
            rs = [r for r in rate_runs if r["rate"] == rate and r["tool"] == tool]
            if not rs:
                continue
            served = [r["served"] for r in rs]
            lag_s = lag_a = "–"
            if tool == "ours":
                lag_s = "/".join(fmt(med([lag(r, "lag_steady", k) for r in rs]), 2) for k in ("p50", "p99", "max"))
                lag_a = "/".join(fmt(med([lag(r, "lag_all", k) for r in rs]), 2) for k in ("p50", "p99", "max"))
            w("| {} | {} | {} ({}–{}) | {}/{}/{} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                tool, fmt(rs[0]["requested"]), fmt(med(served)), fmt(min(served)), fmt(max(served)),
                fmt(med([r["sec_min"] for r in rs])), fmt(med([r["sec_med"] for r in rs])),
                fmt(med([r["sec_max"] for r in rs])), fmt(med([r["max_per_10ms"] for r in rs])),
                fmt(med([r["p99_per_10ms"] for r in rs])), fmt(med([r["max_per_100ms"] for r in rs])),
                fmt(med([r["gap_cv"] for r in rs]), 2), fmt(med([r["cpu_us_per_req"] for r in rs]), 1),
                fmt(med([same_rep_ratio(rate_runs, r, "h2load", "cpu_us_per_req") for r in rs]), 2),
                fmt(med([(r["maxrss_kb"] or 0) / 1024 for r in rs])), fmt(med([r["startup_ms"] for r in rs])),
                fmt(med([r["connections"] for r in rs])), lag_s, lag_a, len(rs)))
        w("")
    own = [r for r in rate_runs if r["tool"] == "ours" and (r.get("ours") or {}).get("starts")]
    if own:
        w("## Ours: the 10 ms windows by nginx's log and by our own start times")
        w("")
        w("nginx logs a request when it has answered it: when nginx itself stalls, the requests that")
        w("waited are logged together and bunch in its log though they were sent evenly. Our own")
        w("execution lines say when each request was started.")
        w("")
        w("| rate/s | rep | max/10ms at nginx | max/10ms of our starts | p99/10ms of our starts | max/100ms at nginx | max/100ms of our starts |")
        w("|---|---|---|---|---|---|---|")
        for r in own:
            st = r["ours"]["starts"]
            w(f"| {fmt(r['rate'])} | {r['rep']} | {fmt(r['max_per_10ms'])} | {fmt(st['max_per_10ms'])} | "
              f"{fmt(st['p99_per_10ms'])} | {fmt(r['max_per_100ms'])} | {fmt(st['max_per_100ms'])} |")
        w("")
    if held:
        w("## Highest rate ours holds (one minute, launched at second 0 like the others)")
        w("")
        w("| rate/s | requested | served | within 1 % | per-second min/med/max | CPU µs/req | "
          "peak RSS MB | lag p50/p99/max ms (steady) | account (started/ok/failed/dropped/skipped) |")
        w("|---|---|---|---|---|---|---|---|---|")
        for r in held:
            acct = (r.get("ours") or {}).get("account") or {}
            w("| {} | {} | {} | {} | {}/{}/{} | {} | {} | {} | {} |".format(
                fmt(r["rate"]), fmt(r["requested"]), fmt(r["served"]),
                "yes" if holds(r) else "no",
                fmt(r["sec_min"]), fmt(r["sec_med"]), fmt(r["sec_max"]), fmt(r["cpu_us_per_req"], 1),
                fmt((r["maxrss_kb"] or 0) / 1024),
                "/".join(fmt(lag(r, "lag_steady", k), 2) for k in ("p50", "p99", "max")),
                "/".join(str(acct.get(k, "–")) for k in ("started", "ok", "failed", "dropped", "skipped"))))
        w("")
    if wrk:
        w("## Closed-model ceiling of this machine (wrk -t2 -c50, unlogged port)")
        w("")
        w("| rep | s | req/s | peak RSS MB |")
        w("|---|---|---|---|")
        for r in wrk:
            w(f"| {r['rep']} | {fmt(r['duration_s'])} | {fmt(r['rps'])} | {fmt((r['maxrss_kb'] or 0) / 1024)} |")
        w("")
    idle = extra.get("idle", {})
    if idle:
        w("## Idle instance (no configuration line, watching its files)")
        w("")
        w(f"RSS (VmRSS) at 5 s: {fmt(idle.get('rss5_kb', 0) / 1024, 1)} MB, at 10 s: "
          f"{fmt(idle.get('rss10_kb', 0) / 1024, 1)} MB; CPU (utime+stime) at 10 s: "
          f"{fmt(idle.get('cpu10_s'), 2)} s; exit status after the stop file: {idle.get('exit')}.")
        w("")
    jmh = extra.get("jmh")
    if jmh:
        w("## JMH micro-benchmarks (hot paths; short runs, this machine is noisy)")
        w("")
        w("| benchmark | mode | score | ± error | unit |")
        w("|---|---|---|---|---|")
        for b in jmh:
            m = b["primaryMetric"]
            name = b["benchmark"].replace("io.github.capacity.", "")
            w(f"| {name} | {b['mode']} | {fmt(m['score'], 1)} | {fmt(m.get('scoreError'), 1)} | {m['scoreUnit']} |")
        w("")
    # ---------------------------------------------------------------- goals
    w("## Goals (medians of the runs above; ratios from the same repetition)")
    w("")
    w("| measure | peers (RESULTS.md / this run) | goal | ours | state |")
    w("|---|---|---|---|---|")

    def ours(rate):
        return [r for r in rate_runs if r["tool"] == "ours" and r["rate"] == rate]

    def peer_txt(rate, key, digits=0):
        parts = []
        for t in tools:
            if t == "ours":
                continue
            v = med([r.get(key) for r in rate_runs if r["tool"] == t and r["rate"] == rate])
            parts.append(f"{t} {fmt(v, digits)}")
        return ", ".join(parts)

    for rate in rates:
        o = ours(rate)
        if not o:
            continue
        exact = all(r["served"] == r["requested"] for r in o)
        diffs = ", ".join(f"{r['served'] - r['requested']:+d}" for r in o)
        goal_row(w, f"count per full minute, {rate:,}/s", peer_txt(rate, "served"),
                 f"exactly {fmt(o[0]['requested'])}", "served " + ", ".join(fmt(r["served"]) for r in o),
                 exact, f"off by {diffs}")
    for rate, lim in ((500, 1.0), (2000, 2.0)):
        o = ours(rate)
        if o:
            v = med([lag(r, "lag_steady", "p99") for r in o])
            va = med([lag(r, "lag_all", "p99") for r in o])
            goal_row(w, f"schedule lag p99, {rate:,}/s (after the start-up catch-up; whole minute in brackets)",
                     "not reported by any peer", f"≤ {lim:g} ms", f"{fmt(v, 2)} ms ({fmt(va, 2)} ms)",
                     v is not None and v <= lim, f"{fmt((v or 0) - lim, 2)} ms over")
    # CPU per request: below every peer but the C one (h2load), and within 2x of it at 2,000/s.
    for rate in rates:
        o = ours(rate)
        if not o:
            continue
        v = med([r["cpu_us_per_req"] for r in o])
        others = {t: med([r["cpu_us_per_req"] for r in rate_runs if r["tool"] == t and r["rate"] == rate])
                  for t in tools if t not in ("ours", "h2load")}
        others = {t: x for t, x in others.items() if x is not None}
        worse = [t for t, x in others.items() if v is None or v >= x]
        goal_row(w, f"CPU per request, {rate:,}/s, below every JVM and non-C peer",
                 ", ".join(f"{t} {fmt(x, 1)} µs" for t, x in others.items()), "below each",
                 f"{fmt(v, 1)} µs", v is not None and not worse, "above " + ", ".join(worse))
    o = ours(2000)
    if o:
        v = med([same_rep_ratio(rate_runs, r, "h2load", "cpu_us_per_req") for r in o])
        others = ", ".join(
            f"{t} {fmt(med([same_rep_ratio(rate_runs, r, 'h2load', 'cpu_us_per_req') for r in rate_runs if r['tool'] == t and r['rate'] == 2000]), 2)}×"
            for t in tools if t not in ("ours", "h2load"))
        goal_row(w, "CPU per request ×h2load, 2,000/s (same repetition)", others, "≤ 2×",
                 f"{fmt(v, 2)}× ({fmt(med([r['cpu_us_per_req'] for r in o]), 1)} µs)",
                 v is not None and v <= 2, f"{fmt(v, 2)}×, {fmt((v or 0) / 2, 2)}× the goal")
    o = ours(2000)
    if o:
        v = med([(r["maxrss_kb"] or 0) / 1024 for r in o])
        peer_mb = {t: med([(r["maxrss_kb"] or 0) / 1024 for r in rate_runs if r["tool"] == t and r["rate"] == 2000])
                   for t in tools if t != "ours"}
        jvm_over = [t for t in JVM_PEERS if t in peer_mb and peer_mb[t] is not None and v >= peer_mb[t]]
        goal_row(w, "peak RSS at 2,000/s, and below every JVM peer",
                 ", ".join(f"{t} {fmt(x)}" for t, x in peer_mb.items()) + " (MB)", "≤ 64 MB, below each JVM peer",
                 f"{fmt(v, 1)} MB", v <= 64 and not jvm_over,
                 (f"{fmt(v - 64, 1)} MB over 64" if v > 64 else "") + (" above " + ", ".join(jvm_over) if jvm_over else ""))
    # Evenness: the largest 10 ms window at 2,000/s and the gap CV at each rate, better than every peer's.
    for rate, key, digits, label in ((2000, "max_per_10ms", 0, "largest count in a 10 ms window, 2,000/s"),
                                     (500, "gap_cv", 2, "gap CV, 500/s"), (2000, "gap_cv", 2, "gap CV, 2,000/s")):
        o = ours(rate)
        if not o:
            continue
        v = med([r[key] for r in o])
        others = {t: med([r[key] for r in rate_runs if r["tool"] == t and r["rate"] == rate])
                  for t in tools if t != "ours"}
        others = {t: x for t, x in others.items() if x is not None}
        worse = [t for t, x in others.items() if v is None or v >= x]
        goal_row(w, f"{label}, better than every peer", ", ".join(f"{t} {fmt(x, digits)}" for t, x in others.items()),
                 "below each", fmt(v, digits), v is not None and not worse, "not below " + ", ".join(worse))
    if idle:
        v = idle.get("rss10_kb", 0) / 1024
        goal_row(w, "RSS of an idle instance (no config, watching; at 10 s)", "—", "≤ 48 MB", f"{fmt(v, 1)} MB",
                 v <= 48, f"{fmt(v - 48, 1)} MB over")
    o = [r for r in rate_runs if r["tool"] == "ours"]
    if o:
        v = med([r["startup_ms"] for r in o])
        goal_row(w, "process start to first request (all rates)", peer_txt(500, "startup_ms") + " (500/s)",
                 "≤ 250 ms", f"{fmt(v)} ms (range {fmt(min(r['startup_ms'] for r in o))}–"
                 f"{fmt(max(r['startup_ms'] for r in o))})", v is not None and v <= 250, f"{fmt((v or 0) - 250)} ms over")
    if held:
        best = max([r["rate"] for r in held if holds(r)] or [0])
        ceiling = med([r["rps"] for r in wrk]) if wrk else None
        tried = "; ".join(f"{fmt(r['rate'])}/s served {100 * r['served'] / r['requested']:.1f} %" for r in held)
        goal_row(w, "highest rate held within 1 % for a minute", f"wrk ceiling {fmt(ceiling)}/s in this run",
                 "≥ 20,000/s", f"{fmt(best)}/s" if best else "none of the rates tried", best >= 20000, tried)
    w("")
    bad = [r for r in runs if r.get("kind") != "max" and (r.get("exit") not in (0, None) or r.get("signal"))]
    if bad:
        w("## Non-zero exits")
        w("")
        for r in bad:
            w(f"- {r['tool']} {r['kind']} {r['rate']} rep {r['rep']}: exit {r.get('exit')} signal {r.get('signal')}")
        w("")
    text = "\n".join(out) + "\n"
    if a.out:
        open(a.out, "w", encoding="utf-8").write(text)
    sys.stdout.write(text)


# The peers that run on a JVM, whose memory and CPU ours is held below.
JVM_PEERS = ("gatling", "jmeter")


def holds(r):
    """Served within 1 % of the requested count of the minute (the per-second minimum is shown)."""
    return abs(r["served"] - r["requested"]) <= 0.01 * r["requested"]


# --------------------------------------------------------------------------- client A/B
def classes_loaded(path):
    """Classes the JVM loaded (an -Xlog:class+load file): total, and OkHttp's, okio's, Kotlin's."""
    counts = {"all": 0, "okhttp3": 0, "okio": 0, "kotlin": 0}
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return None
    for line in lines:
        m = re.search(r"\]\s+(\S+) source:", line)
        if not m:
            continue
        counts["all"] += 1
        for prefix in ("okhttp3", "okio", "kotlin"):
            if m.group(1).startswith(prefix + "."):
                counts[prefix] += 1
    return counts


def cmd_ab_report(a):
    runs = [json.loads(l) for l in open(a.runs, encoding="utf-8") if l.strip()]
    out = []
    w = out.append
    w(f"# The HTTP client A/B: own nio client vs OkHttp ({a.date})")
    w("")
    w(f"Host: {a.host}; {a.java}; ours {a.version}. Whole run: {a.elapsed}. `bench/client-ab`: the"
      " same cron line (`bin/capacity` of the built distribution, launched 5 ms after second 0, the"
      " `file` destination, `max_connections: 10`), the same nginx target on 127.0.0.1 (1 worker,"
      " `return 200 \"ok\"`, keep-alive), the same commit and run; only the test's `client` differs"
      " (`nio` or `okhttp`), the order swapped every repetition. Each client has its own"
      " class-data-sharing archive, recorded by an unmeasured first run.")
    w("")
    # "load average: 1.07, 0.85, 0.86": the first figure, the last minute's, against the 2 cores.
    try:
        shared = float(a.load_before.split(":")[-1].split(",")[0]) > 2
    except ValueError:
        shared = True
    if shared:
        w(f"**The machine was shared**: other work ran on its 2 cores during the run (load average"
          f" before: `{a.load_before}`; after: `{a.load_after}`). Absolute figures are higher and"
          " noisier than on an idle host, and executions were dropped or came late when the host"
          " stalled; compare the two clients within a repetition (the ratio column), not with other"
          " runs.")
    else:
        w(f"Load average before: `{a.load_before}`; after: `{a.load_after}`. Compare the two clients"
          " within a repetition (the ratio column).")
    w("CPU per request is the process's user + system time over the requests nginx served.")
    w("")
    w("| rate/s | rep | client | served | CPU s | CPU µs/req | nio ÷ okhttp CPU/req (same rep) |"
      " peak RSS MB | start to first request ms | lag p50/p99 ms (steady) | outcomes |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    ratios = {}
    for r in sorted(runs, key=lambda r: (r["rate"], r["rep"], r["tool"])):
        other = next((q for q in runs if q["rate"] == r["rate"] and q["rep"] == r["rep"]
                      and q["tool"] != r["tool"]), None)
        ratio = None
        if r["tool"] == "nio" and other and other.get("cpu_us_per_req") and r.get("cpu_us_per_req"):
            ratio = r["cpu_us_per_req"] / other["cpu_us_per_req"]
            ratios.setdefault(r["rate"], []).append(ratio)
        o = r.get("ours") or {}
        steady = o.get("lag_steady") or {}
        w(f"| {r['rate']:,} | {r['rep']} | {r['tool']} | {fmt(r.get('served'))} | {fmt(r.get('cpu_s'), 2)} |"
          f" {fmt(r.get('cpu_us_per_req'), 1)} | {fmt(ratio, 2) if ratio is not None else ''} |"
          f" {fmt((r.get('maxrss_kb') or 0) / 1024)} | {fmt(r.get('startup_ms'))} |"
          f" {fmt(steady.get('p50'), 2)}/{fmt(steady.get('p99'), 2)} |"
          f" {', '.join(f'{k} {v:,}' for k, v in sorted((o.get('outcomes') or {}).items()))} |")
    w("")
    w("## CPU per request, own client ÷ OkHttp (same repetition)")
    w("")
    for rate, vals in sorted(ratios.items()):
        w(f"- {rate:,}/s: median {statistics.median(vals):.2f} (repetitions: {', '.join(f'{v:.2f}' for v in vals)})")
    w("")
    w("## Start-up and classes")
    w("")
    w("Start to first request: from the launch of `bin/capacity` to nginx's log of the first request"
      " (median of the runs above). Classes: what the first cron run of each client loaded"
      " (`-Xlog:class+load`), OkHttp's, okio's and Kotlin's apart.")
    w("")
    w("| client | start to first request ms (median) | classes loaded | okhttp3 | okio | kotlin |")
    w("|---|---|---|---|---|---|")
    for client in ("nio", "okhttp"):
        c = classes_loaded(f"{a.classes}/classes-{client}.txt") or {}
        vals = [r.get("startup_ms") for r in runs if r["tool"] == client]
        w(f"| {client} | {fmt(med(vals))} | {fmt(c.get('all'))} | {fmt(c.get('okhttp3'))} |"
          f" {fmt(c.get('okio'))} | {fmt(c.get('kotlin'))} |")
    text = "\n".join(out) + "\n"
    if a.out:
        open(a.out, "w", encoding="utf-8").write(text)
    print(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sp = p.add_subparsers(dest="cmd", required=True)
    r = sp.add_parser("row")
    r.add_argument("--tool", required=True)
    r.add_argument("--kind", default="rate", choices=["rate", "hold"])
    r.add_argument("--rate", type=int, required=True)
    r.add_argument("--rep", type=int, default=1)
    r.add_argument("--duration", type=float, required=True)
    r.add_argument("--cmd", default="")
    r.add_argument("--rc", type=int, default=0)
    r.add_argument("--t0", type=float, required=True, help="epoch seconds at launch")
    r.add_argument("--timefile", required=True)
    r.add_argument("--log", required=True)
    r.add_argument("--log-start", type=int, required=True)
    r.add_argument("--log-end", type=int, required=True)
    r.add_argument("--nginx-cpu-before", type=int, default=0)
    r.add_argument("--nginx-cpu-after", type=int, default=0)
    r.add_argument("--clk-tck", type=int, default=100)
    r.add_argument("--results", help="ours: the file destination's day file of this run")
    r.add_argument("--out", required=True)
    r.set_defaults(fn=cmd_row)
    k = sp.add_parser("wrk")
    k.add_argument("--rep", type=int, default=1)
    k.add_argument("--duration", type=float, required=True)
    k.add_argument("--output", required=True)
    k.add_argument("--timefile", required=True)
    k.add_argument("--out", required=True)
    k.set_defaults(fn=cmd_wrk)
    rp = sp.add_parser("report")
    rp.add_argument("--runs", required=True)
    rp.add_argument("--extra")
    rp.add_argument("--out")
    rp.set_defaults(fn=cmd_report)
    ab = sp.add_parser("ab-report")
    ab.add_argument("--runs", required=True)
    ab.add_argument("--classes", required=True, help="folder of classes-<client>.txt")
    for name in ("--date", "--version", "--java", "--host", "--load-before", "--load-after", "--elapsed"):
        ab.add_argument(name, default="?")
    ab.add_argument("--out")
    ab.set_defaults(fn=cmd_ab_report)
    a = p.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
