namespace Loci.Wire.Tests.Support;

/// <summary>Encode/decode helpers for address tests.</summary>
public static class AddressCoding
{
    public static byte[] Encode(LispAddress address)
    {
        var buffer = new byte[address.EncodedLength];
        var writer = new SpanWriter(buffer);
        address.WriteTo(ref writer);
        Assert.Equal(buffer.Length, writer.Position);
        return buffer;
    }

    public static LispAddress Decode(byte[] bytes)
    {
        var reader = new SpanReader(bytes);
        Assert.True(LispAddress.TryRead(ref reader, out var address), reader.Error.ToString());
        Assert.True(reader.IsAtEnd, $"{reader.Remaining} bytes left after the address");
        return address;
    }
}
