"""A test-only app with a subject that moves through workflows (installed only by
proeftuin/settings_test.py), so core's workflow mechanism is tested without any domain app."""
