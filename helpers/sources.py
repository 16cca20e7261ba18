"""Sources of the events: what kind each is, and the sourcing rules of the data package.

The rules live in `datapackage.json` under ``sourcing``: which kinds count as
independent, the hosts never cited (mirrors, proxies, content farms, blogs,
disinformation outlets, and mobile, AMP, feed or CDN copies of a page), the hosts
of state media and of reference works, and the phrases that mark a placeholder title.
"""

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

from .tables import read_datapackage

KIND_ORDER = ("primary", "wire", "press", "scholarly", "reference", "state_media")


@dataclass(frozen=True)
class Source:
    kind: str
    publisher: str
    title: str
    url: str
    confirms: str


@lru_cache(maxsize=1)
def policy():
    """The data package's sourcing rules."""
    return read_datapackage()["sourcing"]


def independent(kind):
    """Whether a source of this kind counts as independent evidence."""
    return kind in policy()["independent_kinds"]


def host_of(url):
    return (urlparse(url).hostname or "").lower()


def _matches(host, names):
    return any(host == name or host.endswith("." + name) for name in names)


def denied_class(url):
    """The class of host or address the course never cites, or None.

    'mirror', 'proxy', 'content_farm', 'blog', 'disinformation', 'test_or_dev', or
    'non_canonical' (a mobile, AMP, feed or CDN copy of a page, or its address with tracking tags).
    """
    host = host_of(url)
    for name, hosts in policy()["denied_hosts"].items():
        if _matches(host, hosts):
            return name
    for name, prefixes in policy()["denied_host_prefixes"].items():
        if host.startswith(tuple(prefixes)):
            return name
    parsed = urlparse(url)
    address = parsed.path + (f"?{parsed.query}" if parsed.query else "")  # path and query: AMP paths, tracking tags
    for name, patterns in policy()["denied_address_patterns"].items():
        if any(re.search(pattern, address) for pattern in patterns):
            return name
    try:
        ipaddress.ip_address(host)
        return "proxy"
    except ValueError:
        return None


def denied_problem(url):
    """Why the course never cites this address, or None."""
    denied = denied_class(url)
    if denied == "non_canonical":
        return f"{url} is a mobile, AMP, feed or CDN copy of a page, or carries tracking tags; cite the page at its canonical address"
    if denied:
        return f"{host_of(url)} is a {denied.replace('_', ' ')} host, which the course never cites"
    return None


def kind_problem(kind, url):
    """Why a host cannot be cited with this kind, or None."""
    host = host_of(url)
    state_media = _matches(host, policy()["state_media_hosts"])
    if state_media and kind != "state_media":
        return f"{host} is state media: its kind must be state_media"
    if kind == "state_media" and not state_media:
        return f"{host} is not a listed state-media host; add it to sourcing.state_media_hosts or choose another kind"
    if kind == "reference" and not _matches(host, policy()["reference_hosts"]):
        return f"reference works are cited at their canonical address ({', '.join(policy()['reference_hosts'])}), not {host}"
    return None


def placeholder(title):
    """The placeholder pattern a title matches, or None."""
    for pattern in policy()["placeholder_titles"]:
        if re.search(pattern, title.strip(), flags=re.IGNORECASE):
            return pattern
    if title.rstrip().endswith(("…", "...")):
        return "a truncated title"
    return None


def ordered(sources):
    """Sources with the independent kinds first, in the order of KIND_ORDER, file order kept within a kind."""
    return sorted(sources, key=lambda s: KIND_ORDER.index(s.kind))
