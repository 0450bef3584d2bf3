"""Everything a build reads, as digests: when none of it changed, the site is the one built.

A build's output is a function of its content files, site_config/ (site.yaml, the theme
overrides, the docs' static files), mkdocs.yml, the build date, the generator's own code and
templates, and the installed versions of MkDocs and its packages. `Inputs` hashes each file by
path and bytes (and the versions by name): equal digests mean an equal site, so `qingdan build
--cache` links the stored outputs without loading anything, and `qingdan serve` ignores a save
that changed no byte. Two parts, because serve shows an edited page first only when the
content alone changed (warm_engine).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import generator
from generator.digests import tree_digest
from generator.site.engine_cache import package_versions


@dataclass(frozen=True, slots=True)
class Inputs:
    setup: str  # site_config/, mkdocs.yml, the date, the generator, the packages
    content: str  # content/

    @classmethod
    def of(cls, root: Path, content_dir: Path, site_config_dir: Path, options: str) -> Inputs:
        """`options`: the build date and whatever else of the command line shapes the site."""
        code = Path(generator.__file__).resolve().parent
        mkdocs_yml = Path(root) / "mkdocs.yml"
        setup = {
            "site_config": tree_digest(Path(site_config_dir)),
            "mkdocs.yml": hashlib.sha256(mkdocs_yml.read_bytes()).hexdigest() if mkdocs_yml.is_file() else "",
            "options": options,
            "generator": [generator.__version__, tree_digest(code)],
            "packages": package_versions(),
        }
        return cls(hashlib.sha256(json.dumps(setup, sort_keys=True).encode()).hexdigest(),
                   tree_digest(Path(content_dir)))

    @property
    def digest(self) -> str:
        return f"{self.setup}:{self.content}"
