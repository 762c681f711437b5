"""The buyer chat widget: ``GET /widget.js`` and the buyer endpoints under ``/api/v1/chat``."""
