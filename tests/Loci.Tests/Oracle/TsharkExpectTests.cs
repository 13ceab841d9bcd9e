using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>The oracle's comparison is not vacuous: a wrong byte or a truncated message is reported.</summary>
public sealed class TsharkExpectTests
{
    [Fact]
    public void Message_BytesDisagreeWithModel_ReportsTheField()
    {
        var reply = OracleSamples.MapReplies().First().Message;
        var bytes = reply.ToArray();
        bytes[11] ^= 0x01;  // last nonce byte
        bytes[12 + 4 + 1] = 15; // first record's EID mask-len: 16 -> 15
        var failures = Decode(reply, bytes);
        Assert.Contains(failures, f => f.Contains("lisp.nonce", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("lisp.mapping.eid.masklen", StringComparison.Ordinal));
    }

    [Fact]
    public void NoDecodingProblems_TruncatedMessage_ReportsMalformed()
    {
        var reply = OracleSamples.MapReplies().First().Message;
        var failures = Decode(reply, reply.ToArray()[..30]);
        Assert.Contains(failures, f => f.Contains("malformed", StringComparison.Ordinal) || f.Contains("expert", StringComparison.Ordinal));
    }

    private static List<string> Decode(LispMessage model, byte[] bytes)
    {
        using var capture = new OracleCapture("self-test");
        capture.AddControl("altered", model, bytes);
        var frame = Assert.Single(Tshark.Decode(capture.Close()));
        var failures = new List<string>();
        var expect = new TsharkExpect(failures, "altered");
        expect.NoDecodingProblems(frame);
        expect.Message(frame, model, bytes);
        return failures;
    }
}
