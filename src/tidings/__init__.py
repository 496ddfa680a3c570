"""tidings: political event data from news text."""

__version__ = "0.1.0"
