import sys

from connsim.cli import main

sys.exit(main())
