"""Applications on top of a run: the `vanban` command, the HTTP API, the review site, exports, the graph."""
