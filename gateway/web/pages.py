"""The inbox's agent pages and the admin pages, as one router (gateway/app.py mounts it)."""

from __future__ import annotations

from fastapi import APIRouter

from gateway.web import (
    admin_agents,
    admin_queues,
    admin_webhooks,
    auth_pages,
    events,
    files,
    held_pages,
    inbox_pages,
    template_pages,
)

router = APIRouter(include_in_schema=False)
for module in (auth_pages, inbox_pages, template_pages, events, files, held_pages):
    router.include_router(module.router)
for module in (admin_agents, admin_queues, admin_webhooks):
    router.include_router(module.router)
