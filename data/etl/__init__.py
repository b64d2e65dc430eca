"""ETL: build hostfit's curated tables from the raw official sources."""
