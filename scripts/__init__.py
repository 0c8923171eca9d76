"""Maintenance scripts kept with the repository (data converters and their measurements)."""
