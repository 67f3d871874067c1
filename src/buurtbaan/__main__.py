import sys

from buurtbaan.cli import main

sys.exit(main())
