"""Open data: the dump of every public table (a Frictionless Data Package) and the page that
explains what the portal publishes and how to re-use it."""
