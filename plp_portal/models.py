# Session cutoffs live in their own module; imported here so Django registers the model.
from .sessions import SessionCutoff  # noqa: F401
