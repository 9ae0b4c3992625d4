"""PLN Journal: a reflective-practice journal that shows what you keep avoiding."""

__version__ = "0.1.0"
