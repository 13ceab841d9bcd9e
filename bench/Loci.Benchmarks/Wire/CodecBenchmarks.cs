using System.Net;
using BenchmarkDotNet.Attributes;
using Loci.Wire;

namespace Loci.Benchmarks.Wire;

/// <summary>
/// Parse and write of one-record Map-Request, Map-Reply and Map-Register (issue 2 targets: mean
/// ≤ 300 ns, 0 bytes allocated). Parsing uses the zero-copy views, which validate the whole message;
/// the Map-Register parse includes HMAC-SHA-256 verification. Writing goes from a prebuilt model
/// into a reused buffer, the way a server answers.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly byte[] _buffer = new byte[1500];
    private AuthenticationKey _key = null!;
    private MapRequest _request = null!;
    private MapReply _reply = null!;
    private MapRegister _register = null!;
    private byte[] _requestBytes = null!;
    private byte[] _replyBytes = null!;
    private byte[] _registerBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha256_128);
        _request = new MapRequest(
            0x0102030405060708,
            InetAddress.Parse("10.1.0.7"),
            new LispAddress[] { InetAddress.Parse("127.0.0.100") },
            new[] { new MapRequestRecord(InetAddress.Parse("10.1.0.7"), 32) });
        var record = new EidRecord(
            InetAddress.Parse("10.1.0.0"),
            24,
            1440,
            new[] { new LocatorRecord(InetAddress.Parse("127.0.0.101"), 1, 50), new LocatorRecord(InetAddress.Parse("127.0.0.102"), 1, 50) },
            authoritative: true);
        _reply = new MapReply(0x0102030405060708, new[] { record });
        _register = new MapRegister(0x0102030405060708, new[] { record })
        {
            WantMapNotify = true,
            XtrId = 0x1234,
            SiteId = 1,
        };
        _requestBytes = _request.ToArray();
        _replyBytes = _reply.ToArray();
        _registerBytes = _register.ToSignedArray(_key);
        if (Verify() != 1 || ParseRequest() != 1 || ParseReply() != 2)
        {
            throw new InvalidOperationException("Benchmark inputs do not parse.");
        }

        _ = IPAddress.Loopback;
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public int ParseRequest()
    {
        if (!MapRequestView.TryParse(_requestBytes, out var view, out _))
        {
            return -1;
        }

        var count = 0;
        foreach (var record in view.Records)
        {
            count += record.Eid.IsIPv4 ? 1 : 0;
        }

        return count;
    }

    [Benchmark]
    public int WriteRequest() => _request.WriteTo(_buffer);

    [Benchmark]
    public int ParseReply()
    {
        if (!MapReplyView.TryParse(_replyBytes, out var view, out _))
        {
            return -1;
        }

        var locators = 0;
        foreach (var record in view.Records)
        {
            foreach (var locator in record.Locators)
            {
                locators += locator.Reachable ? 1 : 0;
            }
        }

        return locators;
    }

    [Benchmark]
    public int WriteReply() => _reply.WriteTo(_buffer);

    /// <summary>Validate the structure, then authenticate with HMAC-SHA-256.</summary>
    [Benchmark]
    public int ParseAndVerifyRegister()
    {
        if (!MapRegisterView.TryParse(_registerBytes, out var view, out _))
        {
            return -1;
        }

        return _key.Verify(_registerBytes) == AuthResult.Valid ? view.Records.Count : -2;
    }

    /// <summary>Write and sign with HMAC-SHA-256 (what an ETR does every registration period).</summary>
    [Benchmark]
    public int WriteSignedRegister() => _register.WriteSigned(_buffer, _key);

    private int Verify() => ParseAndVerifyRegister();
}
