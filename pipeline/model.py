"""The shape of the data that flows between the stages: versions of the package and of a record."""
from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1.2"
