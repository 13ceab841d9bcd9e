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

    public static readonly (string Name, string Json)[] Nodes =
    [
        ("ddt-root", Root),
        ("ddt-node", DdtNode),
        ("map-server-20", MapServer20),
        ("map-server-21", MapServer21),
        ("map-resolver", MapResolver),
    ];
}
