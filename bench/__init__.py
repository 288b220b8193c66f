"""Benchmarks: scripts that print figures; each takes its data files as arguments."""
