"""The pure domain of nurture-tui: no I/O, no clock, no sqlite, no textual.

Every function that needs "now" takes it as a parameter, which is what makes the rules
testable with hypothesis and fast enough to run on every keystroke.
"""
