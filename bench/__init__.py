"""Benchmarks of Buurtplein; see bench/README.md."""
