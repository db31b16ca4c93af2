"""chc.extract against the chc command on the same inputs: same documents, same provisions
table field for field, same errors. Run by scripts/test-python.sh (which builds the wheel and
points CHC_BIN at the release binary)."""

import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import chc

ROOT = Path(__file__).resolve().parents[3]
CHC_BIN = os.environ.get("CHC_BIN") or str(ROOT / "target" / "release" / "chc")


def cli_extract(tmp_path, *args):
    """Run `chc extract ARGS --out DIR` from the repository root; return DIR."""
    out = tmp_path / "out"
    proc = subprocess.run([CHC_BIN, "extract", *args, "--out", str(out), "-q"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return out


def cli_documents(out):
    """The documents of an output folder in input order (the order of provisions.csv)."""
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "documents").glob("*.json")]
    order = {}
    for row in csv_rows(out / "provisions.csv"):
        order.setdefault(row["source"], len(order))
    return sorted(docs, key=lambda d: order.get(d["source"]["path"], len(order)))


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(autouse=True)
def from_repo_root(monkeypatch):
    # Paths in outputs are as given: the CLI and the module both get them relative to the root.
    monkeypatch.chdir(ROOT)


def test_corpus_gives_the_cli_documents_and_rows(tmp_path):
    batch = chc.extract(["corpus"])
    out = cli_extract(tmp_path, "corpus")
    assert len(batch.documents) == 5 == len(batch)
    assert batch.errors == []
    assert batch.documents == cli_documents(out)
    assert batch.documents is batch.documents, "built once"
    rows = batch.rows()
    expected = csv_rows(out / "provisions.csv")
    assert len(rows) == len(expected) > 300
    for got, want in zip(rows, expected):
        assert list(got) == list(chc.PROVISION_COLUMNS) == list(want)
        assert got == want


def test_bad_inputs_give_the_cli_errors(tmp_path):
    batch = chc.extract("fixtures/bad")
    out = cli_extract(tmp_path, "fixtures/bad")
    errors = csv_rows(out / "errors.csv")
    assert len(errors) > 20
    assert batch.errors == errors
    assert all(set(e) == {"file", "stage", "kind", "message"} for e in batch.errors)
    # The files that do extract are still there: a bad file never loses the batch.
    assert batch.documents == cli_documents(out)
    assert batch.rows() == csv_rows(out / "provisions.csv")


def test_manifest_and_alignment_as_the_cli(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,landlord,document_date\n001_76db0eb272d0a5af.txt,Testing Homes,2023-09\n", encoding="utf-8")
    batch = chc.extract(["corpus"], manifest=str(manifest), align="2024", jobs=1)
    out = cli_extract(tmp_path, "corpus", "--manifest", str(manifest), "--align", "2024")
    assert batch.documents == cli_documents(out)
    assert batch.rows() == csv_rows(out / "provisions.csv")
    assert any(d["landlord"] == "Testing Homes" and d["document_date"] == "2023-09" for d in batch.documents)
    assert any(r["aligned_2024"] for r in batch.rows()), "the 2022 form's rows carry their 2024 counterparts"
    form_2022 = "corpus/002_d01d9c5920f93ed2.txt"
    assert chc.extract(form_2022, align=2024).rows() == chc.extract(form_2022, align="2024").rows()


def test_paths_may_be_one_path_a_pathlike_or_a_list_and_jobs_change_nothing():
    one = chc.extract(Path("corpus") / "000_6a94297636c6b8f1.txt")
    assert len(one.documents) == 1 and one.documents[0]["source"]["path"] == "corpus/000_6a94297636c6b8f1.txt"
    many = chc.extract([Path("corpus"), "fixtures/bad/windows1252.txt"], jobs=1)
    assert chc.extract([Path("corpus"), "fixtures/bad/windows1252.txt"], jobs=2).documents == many.documents
    assert len(many.documents) == 6


def test_usage_errors_raise_before_anything_runs(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_folder"):
        chc.extract(["corpus", "no_such_folder"])
    with pytest.raises(ValueError, match="align"):
        chc.extract("corpus", align="2022")
    with pytest.raises(ValueError, match="no input files"):
        chc.extract(str(tmp_path))
    bad_manifest = tmp_path / "m.csv"
    bad_manifest.write_text("landlord\nX\n", encoding="utf-8")
    with pytest.raises(ValueError, match="path"):
        chc.extract("corpus", manifest=bad_manifest)
    with pytest.raises(ValueError, match="seconds"):
        chc.extract("corpus", max_seconds=-1)


def test_to_pandas_holds_the_rows():
    pd = pytest.importorskip("pandas")
    batch = chc.extract("corpus")
    frame = batch.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(chc.PROVISION_COLUMNS)
    assert frame.to_dict("records") == batch.rows()


def test_to_pandas_without_pandas_says_what_to_install(monkeypatch):
    batch = chc.extract("corpus/000_6a94297636c6b8f1.txt")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        batch.to_pandas()


def test_the_gil_is_released_while_documents_are_processed():
    """Another Python thread runs while extract works: with the GIL held it could not."""
    done = threading.Event()

    def work():
        try:
            chc.extract(["corpus", "fixtures/bad"], jobs=1)
        finally:
            done.set()

    worker = threading.Thread(target=work)
    started = time.perf_counter()
    worker.start()
    ticks = 0
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    worker.join()
    # About one tick per millisecond while the GIL is free (fewer on a loaded machine); none
    # while extract holds it.
    assert ticks >= max(5, elapsed * 1000 / 100), (ticks, elapsed)


def test_version_and_docs():
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert f'version = "{chc.__version__}"' in cargo
    assert "Batch" in chc.extract.__doc__ and "manifest" in chc.extract.__doc__
    assert chc.Batch.rows.__doc__ and chc.Batch.to_pandas.__doc__
    assert repr(chc.extract("corpus")).startswith("<chc.Batch: 5 documents")


def test_the_worked_example_of_the_docs_runs_and_prints_what_they_say(tmp_path, monkeypatch, capsys):
    pytest.importorskip("pandas")
    text = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    printed = re.search(r"prints\n\n```text\n(.*?)```", text, re.S).group(1)
    assert len(blocks) >= 3
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    monkeypatch.chdir(tmp_path)
    namespace = {}
    for block in blocks:
        if "matplotlib" in block and importlib.util.find_spec("matplotlib") is None:
            continue
        exec(compile(block, "docs/python.md", "exec"), namespace)
    output = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    for line in printed.splitlines():
        if line != "...":
            assert line.rstrip() in output, line
    assert namespace["table"].shape[0] == 4
