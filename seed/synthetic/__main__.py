"""``python -m seed.synthetic``: generate a town and print its figures."""

from seed.synthetic.cli import main

if __name__ == "__main__":
    main()
