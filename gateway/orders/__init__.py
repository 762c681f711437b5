"""Order context: the shop's orders beside the conversation (issue 21)."""
