"""The mock gateway: HTTP layer -> wire formats -> core -> profile."""
