"""spaCy imported without its command line (`spacy.cli`): what the bodies model needs, a third faster.

Why: `import spacy` imports `spacy.cli` only to offer `spacy.info`, and the command line pulls in
weasel, typer, httpx, requests and the project templates: 0.2 s of the 0.6 s spaCy takes to import,
paid by every run's fork server before any worker can start (`pipeline.run.server`), and by every
process that loads the model. Loading and running a trained pipeline never touches the command line.

While spaCy imports, `spacy.cli` and `spacy.cli.info` are stand-ins; they are taken away once it is
imported, so a later `import spacy.cli` (training, `spacy.info`) imports the real ones. Nothing is
done when spaCy or its command line is already imported.
"""
from __future__ import annotations

import os
import sys
import types

# numpy's OpenBLAS starts a pool of threads, one per core, as numpy is imported (here, by spaCy), and they
# spin waiting for work: in the fork server while it is still loading (beside the run's own process, on a
# shared core) and in every process that loads the model. The model never calls OpenBLAS (thinc's matrix
# products are blis's, one thread), and a worker is one core (`--workers N`): one OpenBLAS thread, none
# started. Measured: the NER 0.64 → 0.57 ms/doc, the model's load 25 ms less. Only before numpy is imported.
if "numpy" not in sys.modules:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _info(*args, **kwargs):
    """`spacy.info`, from the real command line, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy():
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []   # a package, so that `spacy.cli.info` is looked up in sys.modules
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    finally:
        for name, stub in (("spacy.cli.info", info), ("spacy.cli", cli)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        parent = sys.modules.get("spacy")
        if parent is not None and getattr(parent, "cli", None) is cli:
            delattr(parent, "cli")
    return spacy


spacy = _import_spacy()
