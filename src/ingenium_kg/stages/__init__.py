"""The build stages, in the order data flows through them: sources, graph, quotes, reasoning,
validation, export."""
