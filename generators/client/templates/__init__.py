"""Files copied into generated client packages as they are."""
