using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// What a fully processed Map-Register produced, keyed by its content hash (seed 002: "hashes the
/// Map-Register message to check whether the mapping has changed since the last registration").
/// The fast path may reuse it only while every registration it created is still the one in the table.
/// </summary>
internal sealed record RegisterMemo(IPEndPoint Source, (EidPrefix Prefix, Registration Registration)[] Created);
