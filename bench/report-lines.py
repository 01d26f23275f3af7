#!/usr/bin/env python3
"""bench/report-lines.py FOLDER LINES: result lines as the file destination writes them.

Three hosts, two tests, one minute at the rate that makes LINES in all (a million is a minute
at about 16,700/s): each host's day file in FOLDER, one gzipped, with the minute lines, about
1 % timeouts, 0.5 % drops and one corrupt line per file, so the report does all its work.
"""
import gzip
import random
import sys

T0_NS = 1_796_292_000_000_000_000  # 2026-12-03T10:00:00Z
HOSTS = ["web1", "web2", "web3"]
TESTS = ["shop.home", "shop.cart"]


def main():
    folder, total = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(16)
    per_host = total // len(HOSTS)
    per_test = per_host // len(TESTS)
    gap_ns = 60_000_000_000 // per_test
    for h, host in enumerate(HOSTS):
        name = f"{folder}/results-2026-12-03-{host}.jsonl" + (".gz" if h == 2 else "")
        out = gzip.open(name, "wt", compresslevel=1) if h == 2 else open(name, "w")
        with out:
            lines = []
            for i in range(per_test):
                for t, test in enumerate(TESTS):
                    planned = T0_NS + i * gap_ns + h * 7_000_000 + t * 3_000_000
                    r = rnd.random()
                    if r < 0.005:
                        lines.append(f'{{"kind":"execution","test_name":"{test}","test_time":0.0,"test_epoch":{planned // 10**9},'
                                     f'"test_type":"homepage","host":"{host}","planned_epoch_ns":{planned},"start_epoch_ns":{planned},'
                                     f'"end_epoch_ns":{planned},"latency_ms":0.0,"service_time_ms":0.0,"start_lag_ms":0.0,'
                                     f'"ok":false,"error_class":"dropped","status":null,"bytes":0,"detail":"max_in_flight reached"}}')
                        continue
                    lag = rnd.randrange(20_000, 400_000)
                    service = 2_000_000_000 if r > 0.99 else int(rnd.lognormvariate(15.5, 0.5))
                    start, end = planned + lag, planned + lag + service
                    ok = "true" if r <= 0.99 else "false"
                    error = "null" if r <= 0.99 else '"timeout"'
                    status = "200" if r <= 0.99 else "null"
                    lines.append(f'{{"kind":"execution","test_name":"{test}","test_time":{service / 1e9:.6f},'
                                 f'"test_epoch":{start // 10**9},"test_type":"homepage","host":"{host}",'
                                 f'"planned_epoch_ns":{planned},"start_epoch_ns":{start},"end_epoch_ns":{end},'
                                 f'"latency_ms":{(end - planned) / 1e6:.3f},"service_time_ms":{service / 1e6:.3f},'
                                 f'"start_lag_ms":{lag / 1e6:.3f},"ok":{ok},"error_class":{error},"status":{status},'
                                 f'"bytes":512,"detail":null}}')
                if len(lines) >= 10_000:
                    out.write("\n".join(lines) + "\n")
                    lines = []
            for test in TESTS:
                lines.append(f'{{"kind":"minute","test_name":"{test}","host":"{host}","minute_epoch_ms":{T0_NS // 10**6},'
                             f'"planned":{per_test},"started":{per_test},"completed":{per_test},"ok":{per_test},"failed":0,'
                             f'"dropped":0,"cancelled":0,"skipped":0}}')
            lines.append('{"kind":"execution","test_name":"shop.home","ho')
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
