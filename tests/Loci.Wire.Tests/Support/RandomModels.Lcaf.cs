namespace Loci.Wire.Tests.Support;

public sealed partial class RandomModels
{
    /// <summary>A random LCAF of any implemented type; nested addresses come from <see cref="Address"/>.</summary>
    public LcafAddress Lcaf(int depth)
    {
        // Extended as LCAF types are implemented: one case per type.
        return Next(2) switch
        {
            0 => new InstanceIdAddress(UInt32(), Address(depth), 0),
            _ => new UnknownLcafAddress((byte)Next(17, 255), Bytes(Next(0, 12)), Byte(), UInt16()),
        };
    }
}
