"""What the journal says about the user: avoidance scores, reflection depth, the daily nudge, chart data."""
