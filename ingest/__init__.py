"""Read and understand articles: sources → nlp → actors, places, dates, events → Extraction."""
