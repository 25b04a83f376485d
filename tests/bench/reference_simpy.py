"""reference_simpy.py - the benchmark model of ../shared/bench/reference.yaml written for SimPy 2
(Debian's python3-simpy, the SimPy.Simulation API), for `make bench-peers`: the same five M/M/c
pools, the same review branch (70%), arrivals one an hour. It prints how many cases it simulated,
in how many seconds, and their mean cycle time (analytic 23.4634 h), as one line of
"key=value" pairs for the Makefile to compare with flujo.

Usage: python3 reference_simpy.py HOURS SEED
"""
import random
import sys
import time

from SimPy.Simulation import (Process, Resource, activate, hold, initialize, now, release,
                              request, simulate)

# pool name, performers, mean work in hours (reference.yaml)
POOLS = [("Intake", 2, 1.6), ("Assessment", 3, 2.4), ("Review", 2, 2.2857143),
         ("Decision", 4, 3.2), ("Notification", 1, 0.8)]


class Case(Process):
    """One case: T1 Intake, T2 Assessment, 70% T3 Review, T4 Decision, T5 Notification."""

    def run(self, pools, rng, stats):
        start = now()
        steps = [0, 1, 2, 3, 4] if rng.random() < 0.7 else [0, 1, 3, 4]
        for i in steps:
            res, mean = pools[i]
            yield request, self, res
            yield hold, self, rng.expovariate(1.0 / mean)
            yield release, self, res
        stats["done"] += 1
        stats["cycle"] += now() - start


class Source(Process):
    """Arrivals one an hour on average, until the horizon."""

    def run(self, pools, rng, stats, horizon):
        while now() < horizon:
            yield hold, self, rng.expovariate(1.0)
            case = Case()
            activate(case, case.run(pools, rng, stats))


def main():
    hours = float(sys.argv[1]) if len(sys.argv) > 1 else 100000.0
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    stats = {"done": 0, "cycle": 0.0}
    t0 = time.perf_counter()
    initialize()
    pools = [(Resource(capacity=c, name=name), mean) for name, c, mean in POOLS]
    src = Source()
    activate(src, src.run(pools, rng, stats, hours))
    simulate(until=hours * 2)
    dt = time.perf_counter() - t0
    done = stats["done"]
    print("cases=%d seconds=%.3f cases_per_s=%.0f mean_cycle_h=%.4f"
          % (done, dt, done / dt, stats["cycle"] / max(done, 1)))


if __name__ == "__main__":
    main()
