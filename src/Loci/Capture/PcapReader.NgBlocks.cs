namespace Loci.Capture;

/// <summary>pcapng blocks that carry interfaces and packets.</summary>
internal sealed partial class PcapReader
{
    private bool TryAddInterface(long start, ReadOnlySpan<byte> block)
    {
        if (block.Length < 20)
        {
            return Fail(start, "pcapng interface description block too short");
        }

        var linkType = CaptureBytes.U16(block[8..], _bigEndian);
        var snapLength = CaptureBytes.U32(block[12..], _bigEndian);
        var powerOfTwo = false;
        var exponent = 6;
        var offsetSeconds = 0L;
        var options = block[16..^4];
        while (options.Length >= 4)
        {
            var code = CaptureBytes.U16(options, _bigEndian);
            var length = CaptureBytes.U16(options[2..], _bigEndian);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            var value = options.Slice(4, length);
            if (code == OptionTsResol && length >= 1)
            {
                powerOfTwo = (value[0] & 0x80) != 0;
                exponent = value[0] & 0x7F;
            }
            else if (code == OptionTsOffset && length >= 8)
            {
                offsetSeconds = CaptureBytes.I64(value, _bigEndian);
            }

            var padded = (4 + length + 3) & ~3;
            options = options[Math.Min(padded, options.Length)..];
        }

        _interfaces.Add(new PcapNgInterface(linkType, snapLength, powerOfTwo, exponent, offsetSeconds));
        return true;
    }

    /// <summary>Enhanced Packet Block (type 6) and the obsolete Packet Block (type 2): same fields, the latter with a 16-bit interface ID.</summary>
    private bool TryPacketBlock(long start, uint type, ReadOnlySpan<byte> block, out CaptureFrame frame)
    {
        frame = default;
        if (block.Length < 32)
        {
            return Fail(start, "pcapng packet block too short");
        }

        var interfaceId = type == EnhancedPacketBlock ? CaptureBytes.U32(block[8..], _bigEndian) : CaptureBytes.U16(block[8..], _bigEndian);
        var timestamp = ((ulong)CaptureBytes.U32(block[12..], _bigEndian) << 32) | CaptureBytes.U32(block[16..], _bigEndian);
        var captured = CaptureBytes.U32(block[20..], _bigEndian);
        var original = CaptureBytes.U32(block[24..], _bigEndian);
        var number = _frameCount + 1;
        if (interfaceId >= _interfaces.Count)
        {
            return Fail(start, $"packet {number} names interface {interfaceId}, but the section describes {_interfaces.Count}");
        }

        if (captured > block.Length - 32)
        {
            return Fail(start + 20, $"packet {number} claims {captured} captured bytes in a {block.Length}-byte block; the file is corrupt");
        }

        _frameCount = number;
        var iface = _interfaces[(int)interfaceId];
        frame = new CaptureFrame(number, iface.ToTime(timestamp), iface.LinkType, _buffer.AsMemory(28, (int)captured), Math.Max(original, captured));
        return true;
    }

    /// <summary>Simple Packet Block (type 3): interface 0, no timestamp; captured length from the block and the snap length.</summary>
    private bool TrySimplePacket(long start, ReadOnlySpan<byte> block, out CaptureFrame frame)
    {
        frame = default;
        if (_interfaces.Count == 0)
        {
            return Fail(start, "simple packet block before any interface description block");
        }

        if (block.Length < 16)
        {
            return Fail(start, "pcapng simple packet block too short");
        }

        var iface = _interfaces[0];
        var original = CaptureBytes.U32(block[8..], _bigEndian);
        long captured = Math.Min(original, block.Length - 16);
        if (iface.SnapLength > 0)
        {
            captured = Math.Min(captured, iface.SnapLength);
        }

        _frameCount++;
        frame = new CaptureFrame(_frameCount, new CaptureTime(0, 0), iface.LinkType, _buffer.AsMemory(12, (int)captured), Math.Max(original, captured));
        return true;
    }
}
