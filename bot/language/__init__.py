"""Text to a query: the commands declared once (:mod:`.intent`), the parser, its words, the
argument reader and date phrases."""
