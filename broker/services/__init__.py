"""Services: the broker's rules. Each public function owns one transaction (or one read)."""

from .registry import Services

__all__ = ["Services"]
