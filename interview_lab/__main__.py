"""Run the command line as ``python -m interview_lab``."""

import sys

from .apps.cli import main

sys.exit(main())
