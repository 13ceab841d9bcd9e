namespace Loci.Capture;

/// <summary>
/// pcapng (draft-ietf-opsawg-pcapng): blocks of type, total length, body, total length again. The
/// Section Header Block's byte-order magic sets the order for its section; interface IDs index the
/// section's Interface Description Blocks. Unknown block types are skipped by their length.
/// </summary>
internal sealed partial class PcapReader
{
    private const uint ByteOrderMagic = 0x1A2B_3C4D;
    private const uint InterfaceDescriptionBlock = 1;
    private const uint ObsoletePacketBlock = 2;
    private const uint SimplePacketBlock = 3;
    private const uint EnhancedPacketBlock = 6;
    private const ushort OptionTsResol = 9;
    private const ushort OptionTsOffset = 14;

    private readonly List<PcapNgInterface> _interfaces = [];

    private bool TryOpenNg(ReadOnlySpan<byte> magic)
    {
        magic.CopyTo(_buffer);
        return TryReadSectionHeader(0, Fill(4, 4) + 4);
    }

    private bool TryReadNg(out CaptureFrame frame)
    {
        frame = default;
        while (true)
        {
            var start = _position;
            var got = Fill(0, 8);
            if (got == 0)
            {
                return false;
            }

            if (got < 8)
            {
                return Fail(start, $"the capture ends inside a block header ({got} of 8 bytes)");
            }

            // The section header's type reads the same in both byte orders; it may switch the order.
            if (CaptureBytes.U32(_buffer, _bigEndian) == PcapNgSectionHeader)
            {
                if (!TryReadSectionHeader(start, got))
                {
                    return false;
                }

                continue;
            }

            var type = CaptureBytes.U32(_buffer, _bigEndian);
            if (!TryReadBlockBody(start, out var length))
            {
                return false;
            }

            var block = _buffer.AsSpan(0, length);
            switch (type)
            {
                case InterfaceDescriptionBlock:
                    if (!TryAddInterface(start, block))
                    {
                        return false;
                    }

                    break;
                case EnhancedPacketBlock:
                case ObsoletePacketBlock:
                    return TryPacketBlock(start, type, block, out frame);
                case SimplePacketBlock:
                    return TrySimplePacket(start, block, out frame);
                default:
                    break;
            }
        }
    }

    /// <summary>The Section Header Block, whose first 8 bytes (<paramref name="got"/> of them) are in the buffer.</summary>
    private bool TryReadSectionHeader(long start, int got)
    {
        if (got < 8 || Fill(8, 4) < 4)
        {
            return Fail(start, "the capture ends inside a pcapng section header");
        }

        var bom = CaptureBytes.U32(_buffer.AsSpan(8), bigEndian: true);
        if (bom == ByteOrderMagic)
        {
            _bigEndian = true;
        }
        else if (CaptureBytes.U32(_buffer.AsSpan(8), bigEndian: false) == ByteOrderMagic)
        {
            _bigEndian = false;
        }
        else
        {
            return Fail(start + 8, "pcapng section header without a valid byte-order magic");
        }

        var length = CaptureBytes.U32(_buffer.AsSpan(4), _bigEndian);
        if (length < 28 || length % 4 != 0 || length > MaxRecordLength)
        {
            return Fail(start + 4, $"pcapng section header length {length} is invalid");
        }

        var rest = (int)length - 12;
        if (Fill(12, rest) < rest)
        {
            return Fail(start, "the capture ends inside a pcapng section header");
        }

        if (CaptureBytes.U16(_buffer.AsSpan(12), _bigEndian) != 1)
        {
            return Fail(start + 12, "unsupported pcapng major version (1 expected)");
        }

        _interfaces.Clear();
        return CheckTrailer(start, (int)length);
    }

    /// <summary>Reads the rest of a block whose 8-byte header is in the buffer; the block's total length.</summary>
    private bool TryReadBlockBody(long start, out int length)
    {
        var declared = CaptureBytes.U32(_buffer.AsSpan(4), _bigEndian);
        length = (int)Math.Min(declared, int.MaxValue);
        if (declared < 12 || declared % 4 != 0 || declared > MaxRecordLength)
        {
            return Fail(start + 4, $"pcapng block length {declared} is invalid; the file is corrupt");
        }

        var rest = length - 8;
        var read = Fill(8, rest);
        if (read < rest)
        {
            return Fail(start, $"the capture ends inside a pcapng block ({read + 8} of {length} bytes)");
        }

        return CheckTrailer(start, length);
    }

    private bool CheckTrailer(long start, int length) =>
        CaptureBytes.U32(_buffer.AsSpan(length - 4), _bigEndian) == (uint)length
        || Fail(start + length - 4, "pcapng block trailer length disagrees with its header; the file is corrupt");
}
