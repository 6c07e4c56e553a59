"""The Wikidata jobs: a polite client, linking, reconciling, enrichment, checks, QuickStatements,
SSSOM."""
