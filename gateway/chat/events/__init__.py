"""What the widget shows, as a durable, numbered log per conversation, streamed over SSE."""
