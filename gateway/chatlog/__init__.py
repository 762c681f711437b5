"""What the widget shows, as a durable, numbered log per conversation, streamed over SSE.

Below the outbox (which appends delivered replies) and the chat (which appends buyer messages
and streams the log to the widget).
"""
