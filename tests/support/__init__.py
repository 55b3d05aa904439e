"""Helpers shared by every test folder.

Imported as `support.<module>`: pyproject.toml puts tests/ on the import path.
"""
