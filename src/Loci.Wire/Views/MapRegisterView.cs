namespace Loci.Wire;

/// <summary>
/// Zero-copy, allocation-free view of a Map-Register (RFC 9301 §5.6; layout in <see cref="MapRegister"/>).
/// Authenticate the datagram with <see cref="AuthenticationKey.Verify"/> before trusting any field.
/// </summary>
public readonly ref struct MapRegisterView
{
    private MapRegisterView(uint header, ulong nonce, byte keyId, AuthAlgorithm algorithm, ReadOnlySpan<byte> authData, EidRecordList records, ReadOnlySpan<byte> trailer)
    {
        Header = header;
        Nonce = nonce;
        KeyId = keyId;
        Algorithm = algorithm;
        AuthenticationData = authData;
        Records = records;
        Trailer = trailer;
    }

    public uint Header { get; }

    public ulong Nonce { get; }

    public byte KeyId { get; }

    public AuthAlgorithm Algorithm { get; }

    public ReadOnlySpan<byte> AuthenticationData { get; }

    public bool ProxyReply => (Header & MapRegister.ProxyReplyFlag) != 0;

    public bool SecurityCapable => (Header & MapRegister.SecurityCapableFlag) != 0;

    public bool EidNotify => (Header & MapRegister.EidNotifyFlag) != 0;

    public bool UseTtl => (Header & MapRegister.UseTtlFlag) != 0;

    public bool Merge => (Header & MapRegister.MergeFlag) != 0;

    public bool WantMapNotify => (Header & MapRegister.WantMapNotifyFlag) != 0;

    public bool HasXtrId => !Trailer.IsEmpty;

    /// <summary>The 24-byte xTR-ID + site-ID trailer when the I bit is set.</summary>
    public ReadOnlySpan<byte> Trailer { get; }

    public UInt128 XtrId => HasXtrId ? System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(Trailer) : 0;

    public ulong SiteId => HasXtrId ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(Trailer[16..]) : 0;

    public EidRecordList Records { get; }

    public static bool TryParse(ReadOnlySpan<byte> datagram, out MapRegisterView view, out WireError error)
    {
        var reader = new SpanReader(datagram);
        return WholeMessage.Finish(ref reader, TryRead(ref reader, out view), out error);
    }

    private static bool TryRead(scoped ref SpanReader reader, out MapRegisterView view)
    {
        view = default;
        if (!reader.TryReadUInt32(out var header, "header")
            || !reader.TryReadUInt64(out var nonce, "nonce"))
        {
            return false;
        }

        if (header >> 28 != (uint)MessageType.MapRegister)
        {
            return reader.FailAt(WireErrorCode.UnknownMessageType, 0, "not a Map-Register");
        }

        if (!AuthBlock.TryRead(ref reader, out var keyId, out var algorithm, out var authData))
        {
            return false;
        }

        if (!EidRecordList.TryRead(ref reader, (int)(header & AuthenticatedMessage.RecordCountMask), out var records))
        {
            return false;
        }

        ReadOnlySpan<byte> trailer = default;
        if ((header & MapRegister.XtrIdPresentFlag) != 0)
        {
            // Pitfall 3: the records must end exactly 24 bytes before the end of the datagram.
            if (reader.Remaining != 24)
            {
                return reader.Fail(
                    reader.Remaining < 24 ? WireErrorCode.Truncated : WireErrorCode.BadLength,
                    reader.Remaining == 0 ? "I bit set but no xTR-ID and site-ID follow the records" : "records do not end 24 bytes (xTR-ID and site-ID) before the end");
            }

            reader.TryReadBytes(24, out trailer, "xTR-ID and site-ID");
        }

        view = new MapRegisterView(header, nonce, keyId, algorithm, authData, records, trailer);
        return true;
    }
}
