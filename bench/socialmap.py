"""Benchmark of the sociale kaart: ``.venv/bin/python bench/socialmap.py [options]``.

Run from the project root (``make bench`` does); ``--help`` lists the options
and bench/README.md explains the figures.
"""

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Run as a script, Python puts bench/ first on sys.path, where this very file
# would shadow the project's ``socialmap`` app: the project root goes there.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(PROJECT_ROOT)

if __name__ == "__main__":
    from bench.run import main

    sys.exit(main())
