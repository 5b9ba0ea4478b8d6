"""The portal's own date formats where Django's for a language differ from what it writes
(settings.FORMAT_MODULE_PATH); languages without a module here use Django's."""
