"""Build the site with the site engine, atomically.

Takes the repository root (mkdocs.yml, content/, site_config/) and an output
directory; builds into a temporary directory beside it and swaps it in only when
the whole build succeeded, so a failing build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException


class BuildFailed(Exception):
    pass


def build_site(root: Path, out_dir: Path, *, strict: bool = True, date: str | None = None,
               content_dir: Path | None = None, site_config_dir: Path | None = None) -> None:
    """Run `mkdocs build` into a temporary directory, then swap it in as `out_dir`."""
    root = Path(root).resolve()
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    overrides = {"QINGDAN_DATE": date, "QINGDAN_CONTENT": content_dir and str(Path(content_dir).resolve()),
                 "QINGDAN_SITE_CONFIG": site_config_dir and str(Path(site_config_dir).resolve())}
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update({name: value for name, value in overrides.items() if value})
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
    except (MkDocsException, Abort) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    _swap_in(staging, out_dir)
    logging.getLogger("mkdocs").info("site written to %s", out_dir)


def _swap_in(staging: Path, out_dir: Path) -> None:
    # Two renames: the old site is moved aside, the new one moved in, the old removed.
    # Readers of out_dir see either the old site or the new one, never half of each.
    os.chmod(staging, 0o755)
    retired = None
    if out_dir.exists():
        retired = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, retired)
    os.replace(staging, out_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
