"""Admin hooks for roles: who may give which role, and the log of role changes."""
