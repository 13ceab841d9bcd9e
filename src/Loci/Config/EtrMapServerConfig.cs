using System.Net;

namespace Loci.Config;

/// <summary>A map-server the ETR registers with: a name the database refers to, its address, and the key it shares with it.</summary>
public sealed record EtrMapServerConfig(string Name, IPEndPoint Address, SiteKeyConfig Key);
