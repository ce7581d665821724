"""Plan, run and record builds: catalogue, cache, fork-server pool, manifest, check."""
