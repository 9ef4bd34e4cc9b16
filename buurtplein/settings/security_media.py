"""security_media settings (see docs/security.md)."""
