"""The skills as the user meets them: finding one, the matrix, self-assessment, one skill's history."""
