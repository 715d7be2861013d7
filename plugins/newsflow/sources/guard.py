"""SSRF guard: which URLs a source may reach.

A feed is written by anyone, so every URL it names (and every redirect) is checked
before a request: only http(s), and only hosts whose every address is public. Unless
the source sets `allow_private_networks: true`, loopback, private, link-local,
shared, multicast, reserved and cloud-metadata addresses are refused. The check is
done again on the connected socket (see fetch.py), so a DNS answer that changes
between the check and the connection (rebinding) is caught too.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https"})
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)


class Blocked(Exception):
    """A URL the guard refuses; the message says why."""


def _why_not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for attribute, label in (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_private", "a private address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(address, attribute):
            return label
    if not address.is_global:
        return "not a public address"
    return None


def check_address(host: str, address: str, allow_private: bool) -> None:
    """Raise Blocked when `address` (an IP that `host` resolved to) is not allowed."""
    if allow_private:
        return
    why = _why_not_public(ipaddress.ip_address(address.split("%", 1)[0]))
    if why:
        raise Blocked(
            f"{host} resolves to {address}, {why}; set allow_private_networks: true "
            "on the source to allow it"
        )


def check_url(url: str, allow_private: bool) -> None:
    """Raise Blocked when `url` is not http(s) or its host resolves to a refused address."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Blocked(f"not a valid URL: {url!r} ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise Blocked(f"scheme {parts.scheme or '(none)'!r} is not allowed, only http and https")
    host = parts.hostname
    if not host:
        raise Blocked(f"no host in {url!r}")
    if allow_private:
        return
    # a name that does not resolve raises socket.gaierror: a network fault, retried
    infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    for *_, sockaddr in infos:
        check_address(host, sockaddr[0], allow_private)
