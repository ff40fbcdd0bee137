from __future__ import annotations

import subprocess
import sys
import textwrap

import interview_lab as il


def test_import_loads_neither_plotly_nor_ipywidgets():
    code = textwrap.dedent(
        """
        import sys
        import interview_lab
        heavy = sorted(m for m in sys.modules if m.split('.')[0] in
                       {'plotly', 'ipywidgets', 'IPython', 'matplotlib', 'skcriteria'})
        print(heavy)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_public_names_are_exported():
    for name in il.__all__:
        assert hasattr(il, name), name
