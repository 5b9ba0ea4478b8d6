"""Realistic, reproducible programme data of any size: ``manage.py generate_data``."""
