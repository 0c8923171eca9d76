"""Placeholder: commands registered here by their owner."""
