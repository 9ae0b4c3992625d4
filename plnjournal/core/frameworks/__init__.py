"""Skills frameworks: files (JSON, CSV), installing, re-importing and editing them."""
