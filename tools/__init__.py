"""Repository tooling (tables, notebooks, docs server, llms.txt); never installed."""
