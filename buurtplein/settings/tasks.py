"""tasks settings (see docs/security.md)."""
