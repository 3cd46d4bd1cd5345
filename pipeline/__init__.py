"""vanban: Vietnamese directives and plans to a normalized dataset and a citation graph."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.2"
