using System.Text.Json;
using Loci.Wire;
using Loci.Wire.Tests.Support;

namespace Loci.Tests.Decode;

/// <summary>`loci decode` on hex strings, raw files and standard input; usage and exit codes.</summary>
public sealed class DecodeInputTests
{
    /// <summary>A Map-Request for 10.1.0.7/32 from ITR-RLOC 127.0.0.1 (RFC 9301 §5.2).</summary>
    private const string MapRequestVector = """
        1a 00 00 01              // 0: type 1, A (0x08) and P (0x02) set; IRC 0; record count 1
        1a 2b 3c 4d 5e 6f 70 81  // 4: nonce
        00 00                    // 12: source EID AFI 0 (none)
        00 01 7f 00 00 01        // 14: ITR-RLOC AFI 1, 127.0.0.1
        00 20 00 01 0a 01 00 07  // 20: record: reserved, mask-len 32, AFI 1, 10.1.0.7
        """;

    [Fact]
    public void Decode_HexArgument_PrintsLigStyleLine()
    {
        var run = DecodeRun.Of(Hex.Format(Hex.Parse(MapRequestVector)));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("map-request nonce 0x1a2b3c4d5e6f7081 A P itr-rlocs 127.0.0.1 eid 10.1.0.7/32", Assert.Single(run.Lines));
    }

    [Fact]
    public void Decode_HexWithSpacesColonsAndSplitArguments_SameMessage()
    {
        var bytes = Hex.Parse(MapRequestVector);
        var expected = DecodeRun.Of("--hex", Hex.Format(bytes)).Stdout;
        Assert.Equal(expected, DecodeRun.Of("--hex", string.Join(':', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))).Stdout);
        Assert.Equal(expected, DecodeRun.Of([.. Hex.Spaced(bytes).Split('\n')]).Stdout);
        Assert.Equal(expected, DecodeRun.Of("0x" + Hex.Format(bytes)).Stdout);
    }

    [Fact]
    public void Decode_HexJson_HasContractNames()
    {
        var run = DecodeRun.Of("--json", Hex.Format(Hex.Parse(MapRequestVector)));
        var message = JsonDocument.Parse(Assert.Single(run.Lines)).RootElement;
        Assert.Equal("map-request", message.GetProperty("type").GetString());
        Assert.Equal("1a2b3c4d5e6f7081", message.GetProperty("nonce").GetString());
        var flags = message.GetProperty("flags");
        foreach (var name in new[] { "authoritative", "map_data_present", "probe", "smr", "pitr", "smr_invoked", "xtr_id_present", "local_xtr", "dont_map_reply" })
        {
            Assert.Equal(name is "authoritative" or "probe", flags.GetProperty(name).GetBoolean());
        }

        Assert.Equal("none", message.GetProperty("source_eid").GetString());
        Assert.Equal("127.0.0.1", message.GetProperty("itr_rlocs")[0].GetString());
        Assert.Equal("10.1.0.7/32", message.GetProperty("records")[0].GetProperty("eid").GetString());
    }

    [Fact]
    public void Decode_RawFileAndStdin_DecodeOneMessage()
    {
        var bytes = Hex.Parse(MapRequestVector);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var raw = DecodeRun.Of("--raw", path);
            var auto = DecodeRun.Of(path);
            var stdin = DecodeRun.WithStdin(bytes, "-");
            var stdinHex = DecodeRun.WithStdin(System.Text.Encoding.ASCII.GetBytes(Hex.Spaced(bytes)), "-");
            Assert.Equal(0, raw.ExitCode);
            Assert.StartsWith("map-request nonce 0x1a2b3c4d5e6f7081", raw.Stdout, StringComparison.Ordinal);
            Assert.Equal(raw.Stdout, auto.Stdout);
            Assert.Equal(raw.Stdout, stdin.Stdout);
            Assert.Equal(raw.Stdout, stdinHex.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Decode_TruncatedHex_ErrorWithOffsetAndExit1()
    {
        var bytes = Hex.Parse(MapRequestVector)[..18];
        var run = DecodeRun.Of("--json", Hex.Format(bytes));
        Assert.Equal(1, run.ExitCode);
        var message = JsonDocument.Parse(Assert.Single(run.Lines)).RootElement;
        Assert.Equal("map-request", message.GetProperty("type").GetString());
        Assert.Equal("truncated", message.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(16, message.GetProperty("error").GetProperty("offset").GetInt32()); // inside the ITR-RLOC address
    }

    [Fact]
    public void Decode_UnknownType_ErrorWithoutType()
    {
        var run = DecodeRun.Of("--json", "90000000");
        Assert.Equal(1, run.ExitCode);
        var message = JsonDocument.Parse(Assert.Single(run.Lines)).RootElement;
        Assert.False(message.TryGetProperty("type", out _));
        Assert.Equal("unknown_message_type", message.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void Decode_DataOption_DecodesDataPlaneHeader()
    {
        // N and L set, nonce 0xd67eff, LSB 3 (the seed's chapter 10 example), then an IPv4 header.
        var inner = Packets.Ipv4Udp("10.0.0.1", "10.0.0.2", 1000, 2000, []);
        var bytes = (byte[])[0xC0, 0xD6, 0x7E, 0xFF, 0, 0, 0, 3, .. inner];
        var run = DecodeRun.Of("--data", "--json", Hex.Format(bytes));
        var message = JsonDocument.Parse(Assert.Single(run.Lines)).RootElement;
        Assert.Equal("data", message.GetProperty("type").GetString());
        Assert.True(message.GetProperty("flags").GetProperty("n").GetBoolean());
        Assert.True(message.GetProperty("flags").GetProperty("l").GetBoolean());
        Assert.False(message.GetProperty("flags").GetProperty("i").GetBoolean());
        Assert.Equal("0000000000d67eff", message.GetProperty("nonce").GetString());
        Assert.Equal(3, message.GetProperty("lsb").GetInt32());
        Assert.Equal("10.0.0.2", message.GetProperty("inner").GetProperty("destination").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("--bogus 00")]
    [InlineData("--hex")]
    [InlineData("--hex 123")]
    [InlineData("--json --verbose 00")]
    public void Decode_BadCommandLine_Exit2(string args) =>
        Assert.Equal(2, DecodeRun.Of(args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ExitCode);

    [Fact]
    public void Decode_MissingFile_Exit3()
    {
        var run = DecodeRun.Of(Path.Combine(Path.GetTempPath(), "no-such-capture-" + Guid.NewGuid().ToString("N") + ".pcap"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cannot read", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Help_PrintsUsage()
    {
        var run = DecodeRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: loci decode", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--json", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryTruncationOfAMessage_ErrorNeverThrows()
    {
        var bytes = new MapRegister(7, TestRecords.One())
        {
            Algorithm = AuthAlgorithm.HmacSha256_128,
            AuthenticationData = new byte[32],
        }.ToArray();
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = DecodeRun.WithStdin(bytes[..length], "--json", "--raw", "-");
            Assert.Equal(1, cut.ExitCode);
            Assert.Contains("\"error\"", cut.Stdout, StringComparison.Ordinal);
        }
    }
}
