"""The HTTP layer of the mock: app, journal, faults, the server thread."""
