"""Files copied into generated packages as they are."""
