"""Core: the factor table, the model value and its kernel, validation of offers and weights, errors.

Nothing here imports from another layer of the package.
"""

#: The package version (the one place it is written; pyproject.toml reads it).
__version__ = "0.1.0"
