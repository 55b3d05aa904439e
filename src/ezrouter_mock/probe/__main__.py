"""``python -m ezrouter_mock.probe``: the same as ``ezrouter-mock probe``."""

import sys

from .command import main

sys.exit(main())
