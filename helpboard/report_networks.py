"""Which network a report of a help post counts for.

One household or phone with IPv6 gets a whole /64 and can pick a fresh address
from it for every request, so counting reports per address would let one
person hide any post alone. A report therefore counts for its network: an IPv6
address by its /64, an IPv4 address (also written as IPv4-mapped IPv6,
``::ffff:192.0.2.1``) by itself.
"""

import ipaddress

IPV6_PREFIX_LENGTH = 64


def report_network(*, address: str) -> str:
    """The network ``address`` counts for, as text (``2001:db8:1:2::/64`` or
    ``192.0.2.1/32``). Something that is no address counts as itself."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        else:
            network = ipaddress.IPv6Network((ip, IPV6_PREFIX_LENGTH), strict=False)
            return str(network)
    return str(ipaddress.IPv4Network(ip))
