"""What Label Studio may connect to, so it can reach tally's ML backend on 127.0.0.1.

Label Studio 1.23 refuses model and webhook URLs on reserved networks (its SSRF guard,
`core/utils/io.py:validate_ip`), loopback included, and registering a model also creates a
webhook to it. Rather than switch the guard off (`SSRF_PROTECTION_ENABLED=false` would open
every private network to URL imports and webhooks), the server gets Label Studio's own list
of banned networks with exactly one address taken out: 127.0.0.1, where the backend
listens. 127.0.0.2, ::1, 10.x, 192.168.x … stay refused.
"""

from __future__ import annotations

import ipaddress

ALLOWED = ipaddress.ip_network("127.0.0.1/32")
# Label Studio 1.23.2's default_banned_subnets (core/utils/io.py), in its order.
LABEL_STUDIO_BANNED = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
    "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "233.252.0.0/24",
    "240.0.0.0/4", "255.255.255.255/32", "::/128", "::1/128", "::ffff:0:0/96",
    "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001:0000::/32",
    "2001:20::/28", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8",
)  # fmt: skip


def banned_subnets() -> list[str]:
    out: list[str] = []
    for text in LABEL_STUDIO_BANNED:
        net = ipaddress.ip_network(text)
        if net.version == 4 and ALLOWED.subnet_of(net):
            out += [str(part) for part in sorted(net.address_exclude(ALLOWED))]
        else:
            out.append(str(net))
    return out


def backend_network_env() -> dict[str, str]:
    return {
        "USE_DEFAULT_BANNED_SUBNETS": "false",
        "USER_ADDITIONAL_BANNED_SUBNETS": ",".join(banned_subnets()),
    }
