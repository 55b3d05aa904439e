"""The core of the mock: internal model, engine, cache, tokens, ids."""
