"""Run the Peer Coach page: `python app.py` (same as `coach serve`)."""

from coach.ui.cli.main import main

if __name__ == "__main__":
    import sys

    sys.argv[1:1] = ["serve"]
    main()
