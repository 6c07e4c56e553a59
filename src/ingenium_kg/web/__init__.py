"""The linked-data web server over a build: pages, content negotiation, SPARQL, a web API.

`app.create_app` makes the Starlette application, `app.serve` runs it with uvicorn;
`void.dataset_description` is what the build also writes into dist/. Nothing is imported here,
so the build can use `void` without loading the web stack.
"""
