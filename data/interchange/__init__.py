"""Files people already have, in and out: vCard, CSV, iCalendar, JSON, and backups.

Readers turn a file's bytes into `records.ImportedPerson`s (plus what they rejected and why);
`importer` merges those into a Store in one transaction; writers turn the Store back into files.
Nothing here touches the screen: the CLI and the TUI call the same functions.
"""
