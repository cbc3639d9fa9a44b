"""Beyond one process: distributed coding on Dask into a Parquet dataset, and loading it.

- `partitions`: inputs -> partitions (files, JSONL shards, WARC files), read on a worker;
- `dataset`: the Parquet layout (store schema, partitioned by event month), `load` into a store;
- `engine`: the dask.distributed driver (`dyads code --engine dask`).

See docs/scale.md.
"""
