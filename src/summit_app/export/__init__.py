"""The write-up pack (PDF on reportlab) and the raw data (CSV). Reads through core only."""
