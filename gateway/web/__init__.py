"""The agent's web UI (Japanese first): server-rendered pages, small scripts, live updates."""
