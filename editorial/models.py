# Roles, workflows and reports build on Wagtail's own models; see services.py.
