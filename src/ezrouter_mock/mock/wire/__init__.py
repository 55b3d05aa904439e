"""Wire formats: each surface parses its requests and renders its answers."""
