"""Which URLs a webhook may point at: http(s) on a public address, never our own network.

A webhook URL makes this server send requests where a shop's admin says; without a check it
could reach the database, the cloud metadata service or an admin port inside the network
(server-side request forgery). Every address the host name resolves to must be public; the
check runs when the URL is saved and again before each delivery, since DNS may change.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class WebhookUrlError(ValueError):
    """A webhook URL we will not send to; the message says why."""


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookUrlError(f"the host {host!r} does not resolve: {exc}") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        addresses.append(address)
    return addresses


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_global and not address.is_multicast


def check_url(url: str, *, allow_private: bool) -> str:
    """``url`` cleaned, or :class:`WebhookUrlError`: http(s), a host, and (unless
    ``allow_private``) only public addresses for it."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise WebhookUrlError(f"not a valid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise WebhookUrlError("only http:// and https:// URLs can receive webhooks")
    if not parts.hostname:
        raise WebhookUrlError("the URL has no host name")
    if parts.username or parts.password:
        raise WebhookUrlError("put no user name or password in the URL: verify the signature")
    if allow_private:
        return url
    for address in resolve(parts.hostname, port or (443 if parts.scheme == "https" else 80)):
        if not is_public(address):
            raise WebhookUrlError(
                f"{parts.hostname} resolves to {address}, a loopback, private or reserved "
                "address; webhooks go to public addresses only "
                "(KAKEHASHI_WEBHOOKS_ALLOW_PRIVATE=true allows others)"
            )
    return url
