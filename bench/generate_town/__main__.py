"""``python -m bench.generate_town``: generate a town and print its figures."""

from bench.generate_town.cli import main

if __name__ == "__main__":
    main()
