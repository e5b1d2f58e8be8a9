#!/usr/bin/env python3
"""Thin CLI: `python build.py edition.yaml -o edition.pdf` (same as `edition build`)."""

import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
