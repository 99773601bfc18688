"""The rule catalogue. `registry.py` lists the modules explicitly."""
