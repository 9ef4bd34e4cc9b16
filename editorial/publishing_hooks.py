"""Admin hooks for four-eyes: nobody approves their own work, and publishing
past the workflow is a per-site setting, off by default."""
