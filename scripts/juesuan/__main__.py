"""`python -m juesuan` is the `juesuan` command."""

import sys

from .cli import main

sys.exit(main())
