"""The demo town: two fictional municipality platforms, built from the factories.

``python manage.py load_demo`` calls :func:`home.demo.builder.demo_load`.
"""
