"""Questions to the built dataset: the saved library, parameters, results, remote endpoints."""
