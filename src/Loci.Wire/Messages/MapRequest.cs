namespace Loci.Wire;

/// <summary>
/// Map-Request, type 1 (RFC 9301 §5.2; I bit, N bit and xTR-ID from RFC 9437):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=1 |A|M|P|S|p|s|R|I|  Rsvd   |L|D|   IRC   | Record Count  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Nonce . . .                           |
/// |                         . . . Nonce                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Source-EID-AFI        |   Source EID Address  ...     |
/// |         ITR-RLOC-AFI 1        |    ITR-RLOC Address 1  ...    |
/// |                              ...  (IRC + 1 in total)          |
/// |N|   Reserved  | EID mask-len  |        EID-Prefix-AFI         |  x Record Count
/// |                       EID-Prefix  ...                         |
/// |                   Map-Reply Record  ... (when M)              |
/// |                   xTR-ID (128) [site-ID (64)] (when I)        |
/// </code>
/// </summary>
public sealed record MapRequest : LispMessage
{
    public const uint AuthoritativeFlag = 0x0800_0000;
    public const uint MapDataPresentFlag = 0x0400_0000;
    public const uint ProbeFlag = 0x0200_0000;
    public const uint SmrFlag = 0x0100_0000;
    public const uint ProxyItrFlag = 0x0080_0000;
    public const uint SmrInvokedFlag = 0x0040_0000;
    public const uint XtrIdPresentFlag = 0x0010_0000;
    public const uint LocalXtrFlag = 0x0000_4000;
    public const uint DontMapReplyFlag = 0x0000_2000;
    public const uint ItrRlocCountMask = 0x0000_1F00;
    public const int ItrRlocCountShift = 8;
    public const uint RecordCountMask = 0x0000_00FF;

    /// <summary>Bit 10 (reserved; lispers.net "mobile node") and bits 12-16.</summary>
    public const uint ReservedMask = 0x0020_0000 | 0x000F_8000;

    public const int MaxItrRlocs = 32;

    public MapRequest(ulong nonce, LispAddress sourceEid, EquatableArray<LispAddress> itrRlocs, EquatableArray<MapRequestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(sourceEid);
        if (itrRlocs.Count is < 1 or > MaxItrRlocs)
        {
            throw new ArgumentOutOfRangeException(nameof(itrRlocs), "A Map-Request carries 1 to 32 ITR-RLOCs (IRC is the count minus one).");
        }

        if (records.Count > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(records), "At most 255 records fit the Record Count field.");
        }

        Nonce = nonce;
        SourceEid = sourceEid;
        ItrRlocs = itrRlocs;
        Records = records;
    }

    public override MessageType Type => MessageType.MapRequest;

    public ulong Nonce { get; init; }

    /// <summary>A: the ITR wants the answer from the site's ETR, not from a proxy.</summary>
    public bool Authoritative { get; init; }

    /// <summary>P: an RLOC-probe; answered with a Map-Reply with P set.</summary>
    public bool Probe { get; init; }

    /// <summary>S: Solicit-Map-Request (SMR), RFC 9301 §6.</summary>
    public bool SolicitMapRequest { get; init; }

    /// <summary>p: sent by a proxy ITR (RFC 6832).</summary>
    public bool ProxyItr { get; init; }

    /// <summary>s: this request answers an SMR.</summary>
    public bool SmrInvoked { get; init; }

    /// <summary>L: sent by an xTR of the same site (RFC 9301 §5.2).</summary>
    public bool LocalXtr { get; init; }

    /// <summary>D: the receiver must not send a Map-Reply (used with SMR).</summary>
    public bool DontMapReply { get; init; }

    public LispAddress SourceEid { get; init; }

    public EquatableArray<LispAddress> ItrRlocs { get; init; }

    public EquatableArray<MapRequestRecord> Records { get; init; }

    /// <summary>The requester's own mapping (M bit set when present).</summary>
    public EidRecord? MapReplyRecord { get; init; }

    /// <summary>xTR-ID of the subscriber (RFC 9437; I bit set when present).</summary>
    public UInt128? XtrId { get; init; }

    /// <summary>site-ID after the xTR-ID; absent when the sender appended the xTR-ID only (lispers.net).</summary>
    public ulong? SiteId { get; init; }

    /// <summary>Reserved header bits as received (<see cref="ReservedMask"/>).</summary>
    public uint ReservedBits { get; init; }

    public uint HeaderWord =>
        ((uint)MessageType.MapRequest << 28)
        | (Authoritative ? AuthoritativeFlag : 0)
        | (MapReplyRecord is not null ? MapDataPresentFlag : 0)
        | (Probe ? ProbeFlag : 0)
        | (SolicitMapRequest ? SmrFlag : 0)
        | (ProxyItr ? ProxyItrFlag : 0)
        | (SmrInvoked ? SmrInvokedFlag : 0)
        | (XtrId is not null ? XtrIdPresentFlag : 0)
        | (LocalXtr ? LocalXtrFlag : 0)
        | (DontMapReply ? DontMapReplyFlag : 0)
        | (ReservedBits & ReservedMask)
        | ((uint)(ItrRlocs.Count - 1) << ItrRlocCountShift)
        | (uint)Records.Count;

    public override int EncodedLength
    {
        get
        {
            var length = 12 + SourceEid.EncodedLength;
            foreach (var rloc in ItrRlocs)
            {
                length += rloc.EncodedLength;
            }

            foreach (var record in Records)
            {
                length += record.EncodedLength;
            }

            length += MapReplyRecord?.EncodedLength ?? 0;
            if (XtrId is not null)
            {
                length += SiteId is not null ? 24 : 16;
            }

            return length;
        }
    }

    internal override void Write(ref SpanWriter writer)
    {
        if (SiteId is not null && XtrId is null)
        {
            throw new InvalidOperationException("A site-ID is only sent after an xTR-ID.");
        }

        writer.WriteUInt32(HeaderWord);
        writer.WriteUInt64(Nonce);
        SourceEid.WriteTo(ref writer);
        foreach (var rloc in ItrRlocs)
        {
            rloc.WriteTo(ref writer);
        }

        foreach (var record in Records)
        {
            record.WriteTo(ref writer);
        }

        MapReplyRecord?.WriteTo(ref writer);
        if (XtrId is { } xtrId)
        {
            writer.WriteUInt128(xtrId);
            if (SiteId is { } siteId)
            {
                writer.WriteUInt64(siteId);
            }
        }
    }

    internal static bool TryRead(ref SpanReader reader, out MapRequest message)
    {
        message = null!;
        if (!reader.TryReadUInt32(out var header, "map-request header")
            || !reader.TryReadUInt64(out var nonce, "map-request nonce")
            || !LispAddress.TryRead(ref reader, out var sourceEid))
        {
            return false;
        }

        var rlocCount = (int)((header & ItrRlocCountMask) >> ItrRlocCountShift) + 1;
        var rlocs = new LispAddress[rlocCount];
        for (var i = 0; i < rlocCount; i++)
        {
            if (!LispAddress.TryRead(ref reader, out rlocs[i]))
            {
                return false;
            }
        }

        var recordCount = (int)(header & RecordCountMask);
        var records = recordCount == 0 ? [] : new MapRequestRecord[recordCount];
        for (var i = 0; i < recordCount; i++)
        {
            if (!MapRequestRecord.TryRead(ref reader, out records[i]))
            {
                return false;
            }
        }

        EidRecord? mapReply = null;
        if ((header & MapDataPresentFlag) != 0 && !EidRecord.TryRead(ref reader, out mapReply))
        {
            return false;
        }

        UInt128? xtrId = null;
        ulong? siteId = null;
        if ((header & XtrIdPresentFlag) != 0)
        {
            // RFC 9437 appends xTR-ID and site-ID; lispers.net appends the xTR-ID alone.
            if (reader.Remaining is not (16 or 24))
            {
                return reader.Fail(WireErrorCode.BadLength, "I bit set but the xTR-ID trailer is not 16 or 24 bytes");
            }

            reader.TryReadUInt128(out var id, "xTR-ID");
            xtrId = id;
            if (reader.Remaining == 8)
            {
                reader.TryReadUInt64(out var site, "site-ID");
                siteId = site;
            }
        }

        message = new MapRequest(nonce, sourceEid, rlocs, records)
        {
            Authoritative = (header & AuthoritativeFlag) != 0,
            Probe = (header & ProbeFlag) != 0,
            SolicitMapRequest = (header & SmrFlag) != 0,
            ProxyItr = (header & ProxyItrFlag) != 0,
            SmrInvoked = (header & SmrInvokedFlag) != 0,
            LocalXtr = (header & LocalXtrFlag) != 0,
            DontMapReply = (header & DontMapReplyFlag) != 0,
            MapReplyRecord = mapReply,
            XtrId = xtrId,
            SiteId = siteId,
            ReservedBits = header & ReservedMask,
        };
        return true;
    }
}
