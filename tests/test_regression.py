"""Refactors change no output: every output of a fixed input set matches its SHA-256.

The set and the tool to dump or (on purpose) regenerate it are in tests/regress.py; a
change that is meant to alter output regenerates tests/golden/regression.json in the same
commit and says why.
"""

from __future__ import annotations

import regress
from conftest import shared_data


def test_every_output_unchanged(tmp_path) -> None:
    for path in regress.required_data():
        shared_data(str(path.relative_to(regress.SHARED_DATA)))
    data = regress.outputs()
    changed = regress.compare(data)
    for name in changed:
        if name in data:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data[name])
    assert not changed, (
        f"{len(changed)} of {len(data)} outputs changed (new versions under {tmp_path}; "
        f"`python tests/regress.py dump DIR` before and after to diff): {changed[:20]}"
    )
