"""edition: annotated YAML sources -> print-ready critical editions."""

__version__ = "0.1.0"
