"""The store day: counted cash by denomination, shift figures (X and Z) and their text."""
