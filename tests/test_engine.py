"""The dask engine gives byte-identical briefings to the local one, on a real cluster:
a scheduler and two workers as separate processes on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.engine import analyze_all
from timeline.errors import OptionError
from timeline.ingest.text import read_text
from timeline.pipeline import BriefOptions, brief_analyzed
from timeline.render import render

DASK = Path(sys.executable).with_name("dask")

_PLACES = ["Velmora", "Tarsen", "Orlen", "Dorrin"]


def _corpus(n: int = 60):
    docs = []
    for i in range(n):
        place = _PLACES[i % len(_PLACES)]
        day = 1 + i % 20
        text = (f"Floods in {place}\n\nAt least {10 + i} people were killed in {place} on "
                f"Tuesday when the river rose, officials said. On {day} March 2021 the "
                f"water reached the old bridge in {place}. Rescuers from Orlen searched "
                f"the valley for the missing.")
        docs.append(read_text(text, date=f"2021-03-{day + 1:02d}", doc_id=f"d{i:03d}"))
    return docs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port",
                               str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    for _ in range(2):
        procs.append(subprocess.Popen(
            [str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard",
             "--host", "127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as client:
                    if len(client.scheduler_info()["workers"]) >= 2:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the dask cluster did not start")
            time.sleep(0.5)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


def test_dask_on_two_worker_processes_gives_byte_identical_json(cluster):
    docs = _corpus()
    options = BriefOptions(method="lead")
    local = brief_analyzed(analyze_all(docs, engine="local", workers=1), options)
    remote = brief_analyzed(analyze_all(docs, engine="dask", scheduler=cluster), options)
    assert render(remote, "json") == render(local, "json")
    assert render(remote, "md") == render(local, "md")
    assert len(remote.timeline.events) > 0


def test_unknown_engine_and_a_stray_scheduler_are_option_errors():
    with pytest.raises(OptionError, match="unknown engine"):
        analyze_all(_corpus(1), engine="spark")
    with pytest.raises(OptionError) as err:
        analyze_all(_corpus(1), engine="local", scheduler="tcp://127.0.0.1:1")
    assert err.value.option == "scheduler"


def test_without_dask_the_engine_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(OptionError) as err:
        analyze_all(_corpus(1), engine="dask")
    assert err.value.option == "engine"
    assert str(err.value) == 'dask is not installed; install it with: pip install "timeline[dask]"'


def test_cli_engine_dask_on_the_cluster_writes_the_same_json(cluster, tmp_path):
    from timeline.cli import main

    assert main(["brief", "--sample", "--format", "json", "--out", str(tmp_path / "l")]) == 0
    assert main(["brief", "--sample", "--format", "json", "--engine", "dask", "--scheduler",
                 cluster, "--out", str(tmp_path / "d")]) == 0
    (local,) = (tmp_path / "l").glob("*.json")
    (remote,) = (tmp_path / "d").glob("*.json")
    assert remote.read_bytes() == local.read_bytes()


def test_cli_scheduler_without_dask_engine_is_a_one_line_error(tmp_path, capsys):
    from timeline.cli import main

    code = main(["brief", "--sample", "--scheduler", "tcp://127.0.0.1:1", "--out",
                 str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code != 0 and err.count("\n") == 0
    assert "--scheduler: only used with the dask engine" in err
    assert not list(tmp_path.glob("*"))
