"""The Insights window: the avoidance ranking and the charts."""
