using System.Net;
using Loci.Wire;

namespace Loci.Tests.Xtr;

/// <summary>One datagram an xTR role ("etr" or "itr") handed to its sender: what the scenario calls it, where it went, its bytes and their parse.</summary>
internal sealed record SentDatagram(string Role, string Label, IPEndPoint Destination, byte[] Bytes)
{
    public LispMessage Message { get; } = LispMessage.Parse(Bytes);
}
