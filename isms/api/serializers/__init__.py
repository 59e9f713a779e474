"""What the API shows of each model: stable ids (primary keys), codes of choices, ISO dates."""
