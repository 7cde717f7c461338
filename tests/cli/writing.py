"""How the commands that write files are watched: another writer saving meanwhile, the temporary files
left about, every file's bytes before and after."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assetdir.edit import writes
from conftest import VALID

GROUP = "northfield-lunch-club"


THEIRS = VALID.replace("Hot two-course lunch", "Hot three-course lunch")  # what another writer saved


CHANGED = ": changed while this ran; nothing written, run it again"


NEW = ["new", "Eastgate Walks", "--area", "eastgate", "--category", "walking", "--summary", "Walks.", "--venue", "Hall"]


def everything(root: Path) -> dict[str, bytes]:
    """Every file under `root`, hidden ones too, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def litter(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob(".*.tmp"))


def meanwhile(monkeypatch, path: Path, text: str) -> list[int]:
    """Another writer saves `path` after this one has read it, just before this one writes;
    the modes of this writer's temporary files are noted."""
    real, modes = writes._written_beside, []

    def write_first(target: Path, *args, **kwargs):
        if path.exists():
            path.write_text(text, encoding="utf-8")
        tmp = real(target, *args, **kwargs)
        modes.append(stat.S_IMODE(os.stat(tmp if isinstance(tmp, Path) else tmp[0]).st_mode))
        return tmp

    monkeypatch.setattr(writes, "_written_beside", write_first)
    return modes


def aged(path: Path, text: str = VALID, seconds: int = 3600) -> Path:
    path.write_text(text, encoding="utf-8")
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))
    return path
