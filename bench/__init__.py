"""The reference-scale benchmark: `make bench` / `python -m bench` (see bench/README.md)."""
