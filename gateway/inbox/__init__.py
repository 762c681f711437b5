"""The agent inbox: replies, notes, status and assignee, templates, live updates."""
