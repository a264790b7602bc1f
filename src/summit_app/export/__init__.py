"""The write-up pack (PDF) and the raw data (CSV)."""
