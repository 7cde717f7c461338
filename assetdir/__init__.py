"""assetdir: a shared directory of community groups for older people."""

__version__ = "0.1.0"
