"""The Python call against the command line tool on the same forms, in the same run.

    python benches/python/python_vs_cli.py --chc target/release/chc --inputs DIR [--runs 10] [--jobs 2] [--out /dev/shm/x]

Runs are interleaved (one of each variant per round), so load from other work on the machine
falls on all of them alike. Variants:

  cli          `chc extract DIR --out OUT --jobs J -q` into an empty folder (a process:
               start-up, extraction and every output file)
  py_process   `python -c "import chc; chc.extract(DIR, jobs=J)"` (a process: interpreter
               start-up, import, extraction)
  py_call      chc.extract(DIR, jobs=J) inside this interpreter (the Python call)
  py_pandas    chc.extract(...).to_pandas() (the call and the provisions DataFrame)
  py_documents chc.extract(...).documents (the call and every document as dicts)

Prints a markdown table of min and median wall seconds per variant, each one's relative to
cli's, and median CPU seconds (user + system of this process's threads and of the child
processes: less sensitive than wall time to other work on the machine); writes the raw
times as JSON when --json is given.
"""

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time

import chc


def cpu_seconds():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn):
    """(wall seconds, CPU seconds) of one call."""
    cpu, start = cpu_seconds(), time.perf_counter()
    fn()
    return time.perf_counter() - start, cpu_seconds() - cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chc", required=True, help="the chc binary")
    ap.add_argument("--inputs", required=True, help="folder of forms")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default="/dev/shm/chc-bench-python", help="the CLI's output folder (emptied before each run)")
    ap.add_argument("--json", help="write the raw times here")
    args = ap.parse_args()
    have_pandas = True
    try:
        import pandas  # noqa: F401
    except ImportError:
        have_pandas = False

    def cli():
        shutil.rmtree(args.out, ignore_errors=True)
        subprocess.run([args.chc, "extract", args.inputs, "--out", args.out, "--jobs", str(args.jobs), "-q"], check=False)

    def py_process():
        subprocess.run([sys.executable, "-c", f"import chc; chc.extract({args.inputs!r}, jobs={args.jobs})"], check=True)

    variants = {
        "cli": cli,
        "py_process": py_process,
        "py_call": lambda: chc.extract(args.inputs, jobs=args.jobs),
        "py_documents": lambda: chc.extract(args.inputs, jobs=args.jobs).documents,
    }
    if have_pandas:
        variants["py_pandas"] = lambda: chc.extract(args.inputs, jobs=args.jobs).to_pandas()
    # One untimed round: file cache, and the module's lazily built statics.
    for fn in variants.values():
        fn()
    times = {name: [] for name in variants}
    cpu = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, fn in variants.items():
            wall, used = timed(fn)
            times[name].append(wall)
            cpu[name].append(used)
    shutil.rmtree(args.out, ignore_errors=True)
    batch = chc.extract(args.inputs, jobs=args.jobs)
    print(f"{len(batch.documents)} documents, {len(batch.rows())} provision rows, {len(batch.errors)} errors; {args.runs} rounds, --jobs {args.jobs}\n")
    base = statistics.median(times["cli"])
    base_min = min(times["cli"])
    base_cpu = statistics.median(cpu["cli"])
    print("| variant | min wall s | median wall s | median / cli's | min / cli's | median CPU s | CPU / cli's |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, t in times.items():
        med, med_cpu = statistics.median(t), statistics.median(cpu[name])
        print(f"| {name} | {min(t):.3f} | {med:.3f} | {med / base:.2f} | {min(t) / base_min:.2f} | {med_cpu:.3f} | {med_cpu / base_cpu:.2f} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"wall": times, "cpu": cpu}, f, indent=1)


if __name__ == "__main__":
    main()
