namespace Loci.Wire.Tests.Support;

/// <summary>Encode/decode helpers for message tests.</summary>
public static class MessageCoding
{
    public static T RoundTrip<T>(T message)
        where T : LispMessage
    {
        var bytes = message.ToArray();
        Assert.Equal(message.EncodedLength, bytes.Length);
        return Assert.IsType<T>(Decode(bytes));
    }

    public static LispMessage Decode(byte[] bytes)
    {
        Assert.True(LispMessage.TryParse(bytes, out var message, out var error), error.ToString());
        return message!;
    }

    public static WireError DecodeError(byte[] bytes)
    {
        Assert.False(LispMessage.TryParse(bytes, out _, out var error));
        return error;
    }

    public static bool ParseMessage(ReadOnlySpan<byte> bytes, out WireError error) =>
        LispMessage.TryParse(bytes, out _, out error);
}
