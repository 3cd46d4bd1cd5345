"""Stage 2, parse: header, numbered sections and closing of one normalized text (`structure.parse`)."""
