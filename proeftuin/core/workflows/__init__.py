"""Workflows as data: stages, allowed moves (a transition table with who may make each move),
required fields per stage and gate questions, edited by administrators; one service performs
a move, audits it and tells the listeners. See docs/development/workflows.md."""
