"""The support desk: bulk actions, escalation, the desk API (issue 21); priority, tags and intake
rules sit lower, in gateway/triage."""
