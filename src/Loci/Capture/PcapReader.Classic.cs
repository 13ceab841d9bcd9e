namespace Loci.Capture;

/// <summary>
/// Classic pcap (libpcap file format, draft-ietf-opsawg-pcap): a 24-byte file header, then per
/// packet a 16-byte record header (seconds, micro- or nanoseconds, captured length, original length).
/// </summary>
internal sealed partial class PcapReader
{
    private bool _bigEndian;
    private int _classicLinkType;
    private int _classicDigits;

    private bool TryOpenClassic(ReadOnlySpan<byte> magic)
    {
        var be = CaptureBytes.U32(magic, bigEndian: true);
        _bigEndian = be is PcapMagicMicro or PcapMagicNano;
        var value = CaptureBytes.U32(magic, _bigEndian);
        _classicDigits = value == PcapMagicNano ? 9 : 6;
        if (Fill(0, 20) < 20)
        {
            return Fail(_position, "the pcap file header is cut short (24 bytes expected)");
        }

        var major = CaptureBytes.U16(_buffer, _bigEndian);
        if (major != 2)
        {
            return Fail(4, $"unsupported pcap version {major} (2 expected)");
        }

        // The top bits of the link-type field carry FCS information (pcap-linktype); the type is the low 16 bits.
        _classicLinkType = (int)(CaptureBytes.U32(_buffer.AsSpan(16), _bigEndian) & 0xFFFF);
        return true;
    }

    private bool TryReadClassic(out CaptureFrame frame)
    {
        frame = default;
        var start = _position;
        var got = Fill(0, 16);
        if (got == 0)
        {
            return false;
        }

        if (got < 16)
        {
            return Fail(start, $"the capture ends inside a record header ({got} of 16 bytes)");
        }

        var header = _buffer.AsSpan(0, 16);
        long seconds = CaptureBytes.U32(header, _bigEndian);
        long fraction = CaptureBytes.U32(header[4..], _bigEndian);
        var captured = CaptureBytes.U32(header[8..], _bigEndian);
        var original = CaptureBytes.U32(header[12..], _bigEndian);
        var number = _frameCount + 1;
        if (captured > MaxRecordLength)
        {
            return Fail(start, $"packet {number} claims a captured length of {captured} bytes; the file is corrupt");
        }

        var read = Fill(0, (int)captured);
        if (read < captured)
        {
            return Fail(start, $"the capture ends inside packet {number} ({read} of {captured} bytes)");
        }

        _frameCount = number;
        var nanos = (seconds * 1_000_000_000) + (_classicDigits == 9 ? fraction : fraction * 1000);
        frame = new CaptureFrame(number, new CaptureTime(nanos, _classicDigits), _classicLinkType, _buffer.AsMemory(0, (int)captured), Math.Max(original, captured));
        return true;
    }
}
