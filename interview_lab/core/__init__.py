"""Core: the factor table, the model value and its kernel, validation of offers and weights, errors.

Nothing here imports from another layer of the package.
"""
