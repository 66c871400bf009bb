"""The faces of nurture-tui: the Textual app and the `nurture-tui` command line."""
