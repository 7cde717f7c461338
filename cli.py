"""Run assetdir from a checkout: `python cli.py validate` is `assetdir validate`."""

from assetdir.cli import main

if __name__ == "__main__":
    main()
