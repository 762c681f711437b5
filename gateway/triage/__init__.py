"""Triage: a conversation's priority, its tags, and the intake rules that set them.

Low in the domain layer (only the SLA clock below it), so intake and translation can apply the
rules while the desk's bulk actions, views and pages (gateway/desk, gateway/web) build on top.
"""
