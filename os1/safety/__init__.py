"""Safety: risk assessment of what the person says."""
