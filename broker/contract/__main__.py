"""`python -m broker.contract`: regenerate broker/contract/openapi.json from the application."""

from . import CONTRACT, generate, render

CONTRACT.write_text(render(generate()))
print(f"wrote {CONTRACT}")
