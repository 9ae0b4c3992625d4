"""The Skills menu's windows: matrix, self-assessment, history, framework editor."""
