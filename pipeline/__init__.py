"""vanban: Vietnamese directives and plans to a normalized dataset and a citation graph."""

from pipeline.model import SCHEMA_VERSION, __version__
