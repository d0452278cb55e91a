import sys

from kortrade.cli import main

sys.exit(main())
