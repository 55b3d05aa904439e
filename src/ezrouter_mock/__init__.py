"""A local stand-in for the ezrouter gateway, driven by the gateway profile."""
