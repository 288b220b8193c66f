"""Kawan's knowledge layer: settings, embedder, store, search, SWOT and answers."""
