"""Stage 4, resolve: the corpus as a whole: the citation graph and the distinct bodies."""
