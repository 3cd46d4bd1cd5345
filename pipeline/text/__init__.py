"""Text tools every stage shares: lines with offsets, the identifier grammar, names, Vietnamese folding."""
