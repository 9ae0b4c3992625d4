"""Built-in data: frameworks, reflection models, icons, templates, examples."""
