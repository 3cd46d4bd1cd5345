"""Responsible bodies and their roles: `find(doc)` (rules, the trained model, the filters).

`find.py` holds the extractor and says how the parts fit; `find_rules` is the rules alone,
`finalize` the last pass (both used by `scripts/train_bodies.py` to make silver data).
"""
from pipeline.extract.bodies.filters import finalize
from pipeline.extract.bodies.find import find, find_rules

__all__ = ["find", "find_rules", "finalize"]
