using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

/// <summary>Assertions shared by the per-type LCAF tests.</summary>
internal static class LcafTesting
{
    /// <summary>Encodes to exactly <paramref name="expected"/> and decodes back to an equal model.</summary>
    public static void AssertGolden(byte[] expected, LcafAddress model)
    {
        Assert.Equal(Hex.Spaced(expected), Hex.Spaced(AddressCoding.Encode(model)));
        Assert.Equal<LispAddress>(model, AddressCoding.Decode(expected));
    }

    /// <summary>Decoding fails with <paramref name="code"/> at <paramref name="offset"/>, without throwing.</summary>
    public static void AssertReadFails(byte[] bytes, WireErrorCode code, int offset)
    {
        var reader = new SpanReader(bytes);
        Assert.False(LispAddress.TryRead(ref reader, out _));
        Assert.Equal(code, reader.Error.Code);
        Assert.Equal(offset, reader.Error.Offset);
    }

    /// <summary>Decodes and re-encodes to the same bytes (fields kept for round trip).</summary>
    public static LispAddress AssertWrittenBackUnchanged(byte[] bytes)
    {
        var address = AddressCoding.Decode(bytes);
        Assert.Equal(Hex.Spaced(bytes), Hex.Spaced(AddressCoding.Encode(address)));
        return address;
    }

    /// <summary>200 random instances: model -> bytes -> model, and every proper prefix is rejected.</summary>
    public static void AssertRandomRoundTripAndTruncation(int seed, Func<RandomModels, LcafAddress> generate)
    {
        var random = new RandomModels(seed);
        for (var i = 0; i < 200; i++)
        {
            var address = generate(random);
            var bytes = AddressCoding.Encode(address);
            Assert.Equal<LispAddress>(address, AddressCoding.Decode(bytes));
            Truncation.AssertEveryPrefixFails(bytes, Truncation.ParseWholeAddress);
        }
    }
}
