"""Background tasks of the search app."""
