using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>One packet written to an oracle capture: a control message or a data-plane header, and its bytes.</summary>
public sealed record CapturedMessage(string Label, LispMessage? Message, LispDataHeader? DataHeader, byte[] Bytes, bool OuterIPv6);
