"""Deterministic generated exports of every kind the ETL reads, with the truth beside them, for
tests, the demo (`workouts demo`) and the benchmarks. Not shipped in the ETL Lambda zip."""
