"""The support desk: tags, priority, intake rules, escalation (issue 21)."""
