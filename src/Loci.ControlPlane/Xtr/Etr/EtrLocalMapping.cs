using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// One database entry as the role uses it: the options it came from, the indexes of the Map-Servers
/// it goes to, and its EID-record, built once and shared by Map-Replies and Map-Registers. Immutable,
/// so readers on other threads may hold it.
/// </summary>
internal sealed class EtrLocalMapping
{
    private readonly byte[] _encodedRecord;

    public EtrLocalMapping(EtrPrefixOptions options, int[] mapServers)
    {
        Options = options;
        MapServers = mapServers;
        var (address, mask) = EidConversions.ToWire(options.Prefix);

        // RFC 9301 §5.4: A is set by the ETR that owns the mapping (a proxying Map-Server clears it).
        Record = new EidRecord(address, mask, options.TtlMinutes, options.Locators.ToArray(), MapReplyAction.NoAction, authoritative: true);
        _encodedRecord = new byte[Record.EncodedLength];
        var writer = new SpanWriter(_encodedRecord);
        Record.WriteTo(ref writer);
    }

    public EtrPrefixOptions Options { get; }

    public EidPrefix Prefix => Options.Prefix;

    /// <summary>Indexes into the ETR's Map-Server list.</summary>
    public int[] MapServers { get; }

    public EidRecord Record { get; }

    /// <summary>
    /// <see cref="Record"/> as it goes on the wire, written once when the database entry is built (the
    /// database changes rarely, requests come all the time): a Map-Reply is its 12-byte header and
    /// these bytes, so answering a Map-Request builds no record (issue #6).
    /// </summary>
    public ReadOnlySpan<byte> EncodedRecord => _encodedRecord;

    public bool GoesTo(int mapServer) => Array.IndexOf(MapServers, mapServer) >= 0;

    /// <summary>
    /// The record for an RLOC-probe reply: the locator the probe was addressed to carries the probed
    /// (p) bit (RFC 9301 §5.4, §6.3.2), telling the prober which of its locators answered.
    /// </summary>
    public EidRecord ProbeRecord(IPAddress probedAddress)
    {
        var locators = new LocatorRecord[Record.Locators.Count];
        for (var i = 0; i < locators.Length; i++)
        {
            var locator = Record.Locators[i];
            locators[i] = locator.Rloc is InetAddress inet && EtrAddresses.Same(inet.Ip, probedAddress) ? locator with { Probed = true } : locator;
        }

        return Record with { Locators = locators };
    }
}
