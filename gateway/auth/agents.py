"""Managing agents: create or invite, change role, disable and enable, set a password.

One service for the admin pages (``/admin/agents``) and the CLI (``kakehashi agent …``). Every
password goes through :func:`gateway.auth.passwords.check_password`. Disabling an agent or
changing their password ends every session they have: a session stays valid only while its
agent is active and its cookie carries the fingerprint of the current password hash
(gateway/auth/sessions.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway.auth.passwords import check_password, hash_password
from gateway.i18n import _
from gateway.models import Agent, AgentRole

INVITE_PASSWORD_BYTES = 12


class AgentError(ValueError):
    """A change to an agent we refuse; the message says why, for the admin to act on."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def list_agents(session: Session) -> Sequence[Agent]:
    return session.scalars(select(Agent).order_by(Agent.active.desc(), Agent.name, Agent.id)).all()


def by_email(session: Session, email: str) -> Agent | None:
    return session.scalar(select(Agent).where(Agent.email == normalize_email(email)))


def require_by_email(session: Session, email: str) -> Agent:
    agent = by_email(session, email)
    if agent is None:
        raise AgentError(_("No agent has the e-mail address %(email)s.") % {"email": email})
    return agent


def invite_password() -> str:
    """A one-time password for an invited agent, to be changed after the first sign-in."""
    return secrets.token_urlsafe(INVITE_PASSWORD_BYTES)


def create_agent(session: Session, *, email: str, name: str, role: str, password: str) -> Agent:
    """A new agent; raises :class:`AgentError` or ``WeakPasswordError``."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 320:
        raise AgentError(_("Enter the agent's e-mail address."))
    if not name.strip():
        raise AgentError(_("Enter the agent's name."))
    if role not in (AgentRole.ADMIN, AgentRole.AGENT):
        raise AgentError(_("Choose the role administrator or agent."))
    if by_email(session, email) is not None:
        raise AgentError(_("An agent with e-mail %(email)s already exists.") % {"email": email})
    check_password(password)
    agent = Agent(
        email=email, name=name.strip()[:200], role=role, password_hash=hash_password(password)
    )
    session.add(agent)
    session.flush()
    return agent


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Agent)
            .where(Agent.role == AgentRole.ADMIN, Agent.active.is_(True))
        )
        or 0
    )


def _keep_an_admin(session: Session, agent: Agent) -> None:
    if agent.role == AgentRole.ADMIN and agent.active and _active_admins(session) <= 1:
        raise AgentError(
            _("%(name)s is the only active administrator: make someone else one first.")
            % {"name": agent.name}
        )


def set_role(session: Session, agent: Agent, role: str) -> None:
    if role not in (AgentRole.ADMIN, AgentRole.AGENT):
        raise AgentError(_("Choose the role administrator or agent."))
    if role != agent.role:
        _keep_an_admin(session, agent)
        agent.role = role


def disable(session: Session, agent: Agent) -> None:
    """Stop ``agent`` signing in; their open sessions end at their next request."""
    if agent.active:
        _keep_an_admin(session, agent)
        agent.active = False
        end_sessions(agent)


def end_sessions(agent: Agent) -> None:
    """Every session of ``agent`` ends, wherever its cookie is (enabling does not revive them)."""
    agent.session_epoch = (agent.session_epoch or 0) + 1


def enable(session: Session, agent: Agent) -> None:
    agent.active = True


def set_password(session: Session, agent: Agent, password: str) -> None:
    """A new password (checked); every session of the agent ends."""
    check_password(password)
    agent.password_hash = hash_password(password)
