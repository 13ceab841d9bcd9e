namespace Loci.Demo;

/// <summary>
/// The loopback LISP network of `loci demo` (README "The demo network"), written as ordinary node
/// configurations so the demo runs the same loader and roles an operator does.
/// </summary>
internal static class DemoTopology
{
    public const string Root = """
        { "ddt": { "bind": ["127.0.0.10"], "authoritative": ["0.0.0.0/0", "::/0"],
          "delegations": [
            { "prefix": "10.0.0.0/8", "kind": "ddt-node", "rlocs": ["127.0.0.11"] },
            { "prefix": "2001:db8::/32", "kind": "ddt-node", "rlocs": ["127.0.0.11"] } ] } }
        """;

    public const string DdtNode = """
        { "ddt": { "bind": ["127.0.0.11"], "authoritative": ["10.0.0.0/8", "2001:db8::/32"],
          "delegations": [
            { "prefix": "10.1.0.0/16", "kind": "map-server", "rlocs": ["127.0.0.20"] },
            { "prefix": "10.2.0.0/16", "kind": "map-server", "rlocs": ["127.0.0.20"] },
            { "prefix": "2001:db8:1::/48", "kind": "map-server", "rlocs": ["127.0.0.20"] },
            { "prefix": "10.3.0.0/16", "kind": "map-server", "rlocs": ["127.0.0.21"] } ] } }
        """;

    public const string MapServer20 = """
        { "map_server": { "bind": ["127.0.0.20"], "eid_space": ["10.1.0.0/16", "10.2.0.0/16", "2001:db8:1::/48"],
          "sites": [
            { "name": "site1", "prefixes": ["10.1.0.0/16", "2001:db8:1::/48"], "accept_more_specifics": true,
              "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "site1-key" },
                        { "key_id": 1, "algorithm": "sha1", "password": "site1-key" } ] },
            { "name": "site2", "prefixes": ["10.2.0.0/16"], "accept_more_specifics": true,
              "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "site2-key" },
                        { "key_id": 1, "algorithm": "sha1", "password": "site2-key" } ] } ] } }
        """;

    public const string MapServer21 = """
        { "map_server": { "bind": ["127.0.0.21"], "eid_space": ["10.3.0.0/16"],
          "sites": [
            { "name": "site3", "prefixes": ["10.3.0.0/16"], "accept_more_specifics": true,
              "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "site3-key" },
                        { "key_id": 1, "algorithm": "sha1", "password": "site3-key" } ] } ] } }
        """;

    public const string MapResolver = """
        { "map_resolver": { "bind": ["127.0.0.30", "[::1]:4342"], "ddt_roots": ["127.0.0.10"], "request_timeout": "500ms", "retries": 1 } }
        """;

    // The tunnel routers (issue 5). site1's two xTRs and site2's answer Map-Requests themselves
    // (no proxy reply), so the map-server forwards requests to them and site2's ETR learns which
    // ITRs to send SMRs to; site3 keeps proxy reply. Keys: the same site key, one xTR with
    // HMAC-SHA-256 (key ID 0), the other with HMAC-SHA-1 (key ID 1).
    public const string Site1XtrA = """
        { "xtr": { "bind": ["127.0.0.101"], "etr": {
            "map_servers": [ { "name": "ms20", "address": "127.0.0.20", "key_id": 0, "algorithm": "sha256", "password": "site1-key" } ],
            "database": [
              { "prefix": "10.1.0.0/24", "rlocs": [ { "address": "127.0.0.101", "priority": 1, "weight": 50 }, { "address": "127.0.0.102", "priority": 1, "weight": 50 } ] },
              { "prefix": "2001:db8:1::/64", "rlocs": [ "127.0.0.101" ] } ] } } }
        """;

    public const string Site1XtrB = """
        { "xtr": { "bind": ["127.0.0.102"], "etr": {
            "map_servers": [ { "name": "ms20", "address": "127.0.0.20", "key_id": 1, "algorithm": "sha1", "password": "site1-key" } ],
            "database": [
              { "prefix": "10.1.0.0/24", "rlocs": [ { "address": "127.0.0.101", "priority": 1, "weight": 50 }, { "address": "127.0.0.102", "priority": 1, "weight": 50 } ] } ] } } }
        """;

    /// <summary>site2's xTR is multihomed: it listens on both uplinks, 127.0.0.103 and the 127.0.0.105 the demo moves to.</summary>
    public const string Site2Xtr = """
        { "xtr": { "bind": ["127.0.0.103", "127.0.0.105"], "etr": {
            "map_servers": [ { "name": "ms20", "address": "127.0.0.20", "key_id": 0, "algorithm": "sha256", "password": "site2-key" } ],
            "database": [ { "prefix": "10.2.0.0/24", "rlocs": [ "127.0.0.103" ] } ] } } }
        """;

    public const string Site3Xtr = """
        { "xtr": { "bind": ["127.0.0.104"], "etr": {
            "map_servers": [ { "name": "ms21", "address": "127.0.0.21", "key_id": 1, "algorithm": "sha1", "password": "site3-key" } ],
            "database": [ { "prefix": "10.3.0.0/24", "rlocs": [ "127.0.0.104" ], "proxy_reply": true } ] } } }
        """;

    public const string Itr = """
        { "xtr": { "bind": ["127.0.0.100"], "itr": { "map_resolvers": ["127.0.0.30"] } } }
        """;

    public static readonly (string Name, string Json)[] Nodes =
    [
        ("ddt-root", Root),
        ("ddt-node", DdtNode),
        ("map-server-20", MapServer20),
        ("map-server-21", MapServer21),
        ("map-resolver", MapResolver),
        ("site1-xtr-101", Site1XtrA),
        ("site1-xtr-102", Site1XtrB),
        ("site2-xtr-103", Site2Xtr),
        ("site3-xtr-104", Site3Xtr),
        ("itr-100", Itr),
    ];
}
