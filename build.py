#!/usr/bin/env python3
"""Thin CLI: `python build.py edition.yaml -o edition.pdf` (same as `edition build`)."""

from edition.cli import run

if __name__ == "__main__":
    run()
