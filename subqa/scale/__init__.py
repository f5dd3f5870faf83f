"""Checking many files: results in report order as they arrive (``ordered``), from worker
processes on this machine (``pool``) or a Dask cluster (``cluster``), and written as they
arrive (``stream``), so that a catalogue run's memory does not grow with its number of files."""
