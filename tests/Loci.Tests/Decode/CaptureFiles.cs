using System.Buffers.Binary;

namespace Loci.Tests.Decode;

/// <summary>Writes small classic pcap and pcapng files by hand, in either byte order, to test the reader.</summary>
internal static class CaptureFiles
{
    /// <summary>A classic pcap; each frame may announce a longer original length (a snap-length cut).</summary>
    public static byte[] Pcap(int linkType, IEnumerable<byte[]> frames, bool bigEndian = false, bool nanoseconds = false, int? cutTo = null)
    {
        var file = new List<byte>();
        file.AddRange(U32(nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u, bigEndian));
        file.AddRange(U16(2, bigEndian));
        file.AddRange(U16(4, bigEndian));
        file.AddRange(new byte[8]);
        file.AddRange(U32(262_144, bigEndian));
        file.AddRange(U32((uint)linkType, bigEndian));
        var second = 1_440_000_000u;
        foreach (var frame in frames)
        {
            var captured = Math.Min(frame.Length, cutTo ?? int.MaxValue);
            file.AddRange(U32(second++, bigEndian));
            file.AddRange(U32(nanoseconds ? 123_456_789u : 123_456u, bigEndian));
            file.AddRange(U32((uint)captured, bigEndian));
            file.AddRange(U32((uint)frame.Length, bigEndian));
            file.AddRange(frame.AsSpan(0, captured).ToArray());
        }

        return [.. file];
    }

    /// <summary>A pcapng section: SHB, one IDB per link type, then one EPB per (interface, frame), with an unknown block mixed in.</summary>
    public static byte[] PcapNg(IEnumerable<(int Interface, byte[] Frame)> packets, bool bigEndian, params int[] linkTypes)
    {
        var file = new List<byte>();
        file.AddRange(Block(0x0A0D0D0A, [.. U32(0x1A2B3C4D, bigEndian), .. U16(1, bigEndian), .. U16(0, bigEndian), .. U64Minus1()], bigEndian));
        foreach (var linkType in linkTypes)
        {
            // if_tsresol = 9 (nanoseconds), then opt_endofopt.
            byte[] options = [.. U16(9, bigEndian), .. U16(1, bigEndian), 9, 0, 0, 0, 0, 0, 0, 0];
            file.AddRange(Block(1, [.. U16((ushort)linkType, bigEndian), 0, 0, .. U32(0, bigEndian), .. options], bigEndian));
        }

        file.AddRange(Block(0x0BAD, [1, 2, 3, 4], bigEndian));
        ulong timestamp = 1_440_000_000_123_456_789;
        foreach (var (iface, frame) in packets)
        {
            var padded = new byte[(frame.Length + 3) & ~3];
            frame.CopyTo(padded, 0);
            file.AddRange(Block(6, [
                .. U32((uint)iface, bigEndian), .. U32((uint)(timestamp >> 32), bigEndian), .. U32((uint)timestamp, bigEndian),
                .. U32((uint)frame.Length, bigEndian), .. U32((uint)frame.Length, bigEndian), .. padded], bigEndian));
            timestamp += 1_000_000;
        }

        return [.. file];
    }

    /// <summary>A Simple Packet Block (interface 0, no timestamp).</summary>
    public static byte[] SimplePacketBlock(byte[] frame, bool bigEndian)
    {
        var padded = new byte[(frame.Length + 3) & ~3];
        frame.CopyTo(padded, 0);
        return Block(3, [.. U32((uint)frame.Length, bigEndian), .. padded], bigEndian);
    }

    private static byte[] Block(uint type, byte[] body, bool bigEndian)
    {
        var length = (uint)(12 + body.Length);
        return [.. U32(type, bigEndian), .. U32(length, bigEndian), .. body, .. U32(length, bigEndian)];
    }

    private static byte[] U64Minus1() => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private static byte[] U16(ushort value, bool bigEndian)
    {
        var bytes = new byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        return bytes;
    }

    private static byte[] U32(uint value, bool bigEndian)
    {
        var bytes = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        return bytes;
    }
}
