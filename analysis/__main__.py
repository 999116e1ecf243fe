"""``python -m analysis``: see :mod:`analysis.cli`."""
import sys

try:  # Ctrl-C while the command line itself loads: the same one line as later
    from .cli import main
except KeyboardInterrupt:
    print("error: interrupted; the tables in --out are those of the last complete run (or none)",
          file=sys.stderr)
    sys.exit(130)

sys.exit(main())
