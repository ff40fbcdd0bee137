"""The widget apps, the report and the command line (the top layer).

Importing this package loads no widgets: each app module imports ipywidgets itself.
"""
