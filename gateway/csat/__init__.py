"""Customer satisfaction (CSAT): one question to the buyer when a conversation is resolved."""
