"""Run the command line as ``python -m interview_lab``."""

import sys

from .cli import main

sys.exit(main())
