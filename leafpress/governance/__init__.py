"""Document control for leaflets: approval records that mean something, and version discipline."""
