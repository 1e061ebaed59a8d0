"""accord: contract-first API governance and testing.

The front door: the `accord` command line (Typer, in `accord.cli`; one module per command in
`accord.commands`), output formatters (`accord.output`), and the public Python API re-exported
below. The work itself lives in `contracts`, `generators`, `broker` and `gateway`.
"""

from accord.contracts import Contract, ContractError, load_contract, validate, validate_file

__version__ = "0.1.0"

__all__ = ["Contract", "ContractError", "__version__", "load_contract", "validate", "validate_file"]
