"""security_logins settings (see docs/security.md)."""
