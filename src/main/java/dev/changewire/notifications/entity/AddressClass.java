package dev.changewire.notifications.entity;

/** Kinds of address a callback must not reach unless the operator allows private networks. */
public enum AddressClass {
    LOOPBACK("a loopback address"),
    /** RFC 1918, CGNAT 100.64/10, unique-local fc00::/7, site-local fec0::/10, local-use NAT64. */
    PRIVATE("a private-network address"),
    LINK_LOCAL("a link-local address"),
    MULTICAST("a multicast address"),
    /** 0.0.0.0/8 and ::, which the kernel takes for "this host". */
    UNSPECIFIED("an unspecified address"),
    /** Instance metadata services (credentials live there): refused even when private networks are allowed. */
    CLOUD_METADATA("a cloud metadata address"),
    DOCUMENTATION("a documentation-only address"),
    /** Benchmarking, IETF protocol assignments, 240/4, broadcast, IPv6 discard-only. */
    RESERVED("a reserved address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
