"""The built-in rules' own functions, one per module, each a pure function from context to hits."""
