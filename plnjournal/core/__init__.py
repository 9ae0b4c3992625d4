"""The Qt-free core: the domain's services, importers, analytics and report content (docs/architecture.md)."""
