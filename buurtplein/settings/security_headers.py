"""security_headers settings (see docs/security.md)."""
