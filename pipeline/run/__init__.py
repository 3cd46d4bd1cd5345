"""Running the stages: one file (`process`), the input walk, the local and dask engines, a batch."""
