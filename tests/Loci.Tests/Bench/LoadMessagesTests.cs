using System.Buffers.Binary;
using System.Net;
using Loci.Bench.Load;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Bench;

/// <summary>The patched templates must be exactly what the codec writes for the same message.</summary>
public class LoadMessagesTests
{
    private static readonly IPAddress Itr = IPAddress.Parse("127.0.0.1");
    private static readonly ushort[] Ports = [40001, 40002, 40003];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void RequestMessages_EveryMessage_EqualsTheCodecEncoding(bool encapsulate, bool ddt)
    {
        EidPrefix[] queries = [Host("10.1.2.3"), Host("2001:db8:1::7"), Host("10.200.0.1"), Host("2001:db8:ffff::1")];
        var messages = new RequestMessages(queries, Itr, Ports, encapsulate, ddt);
        var buffer = new byte[messages.MaxLength];
        for (long sequence = 0; sequence < 8; sequence++)
        {
            var nonce = SequenceNonce.Encode(0x1234, sequence);
            var length = messages.Write(sequence, nonce, buffer, out var socket, out var expectsReply);

            var eid = queries[sequence % queries.Length];
            Assert.Equal(sequence % Ports.Length, socket);
            Assert.True(expectsReply);
            Assert.Equal(Expected(eid, nonce, Ports[socket], encapsulate, ddt), buffer[..length]);
        }
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8:1::7")]
    public void RequestMessages_Ecm_InnerChecksumsAreValid(string eid)
    {
        var messages = new RequestMessages([Host(eid)], Itr, Ports, encapsulate: true, ddtOriginated: false);
        var buffer = new byte[messages.MaxLength];
        var length = messages.Write(0, 42, buffer, out _, out _);

        var ecm = Assert.IsType<EncapsulatedControlMessage>(LispMessage.Parse(buffer.AsSpan(0, length)));
        Assert.Equal(IPAddress.Parse(eid), ecm.InnerDestination);
        Assert.Equal(Ports[0], ecm.InnerSourcePort);
        Assert.Equal(42UL, Assert.IsType<MapRequest>(ecm.Inner).Nonce);
        var ipLength = ecm.IsIPv6 ? 40 : 20;
        if (!ecm.IsIPv6)
        {
            Assert.Equal(0, InternetChecksum.Compute(buffer.AsSpan(4, 20))); // a header with a right checksum sums to zero
        }

        var udp = buffer[(4 + ipLength)..length];
        var carried = BinaryPrimitives.ReadUInt16BigEndian(udp.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), 0);
        Assert.Equal(InternetChecksum.ComputeUdp(ecm.InnerSource, ecm.InnerDestination, udp), carried);
    }

    [Theory]
    [InlineData(AuthAlgorithm.HmacSha256_128, true)]
    [InlineData(AuthAlgorithm.HmacSha1_96, false)]
    public void RegisterMessages_EveryMessage_EqualsTheCodecEncodingAndVerifies(AuthAlgorithm algorithm, bool proxyReply)
    {
        using var key = AuthenticationKey.FromPassword("site-key", algorithm, keyId: 3);
        EidPrefix[] prefixes = [EidPrefix.Parse("10.1.0.0/24"), EidPrefix.Parse("2001:db8:1::/48"), EidPrefix.Parse("10.1.7.128/25")];
        var rloc = IPAddress.Parse("192.0.2.9");
        var schedule = new NotifySchedule(0.5);
        var messages = new RegisterMessages(prefixes, null, sockets: 2, rloc, key, proxyReply, schedule);
        var buffer = new byte[messages.MaxLength];
        for (long sequence = 0; sequence < 6; sequence++)
        {
            var nonce = SequenceNonce.Encode(7, sequence);
            var length = messages.Write(sequence, nonce, buffer, out var socket, out var expectsReply);

            var index = (int)(sequence % prefixes.Length);
            var prefix = prefixes[index];
            Assert.Equal(index % 2, socket);
            Assert.Equal(schedule.Wants(sequence), expectsReply);
            var record = new EidRecord(new InetAddress(prefix.ToIPAddress()), (byte)prefix.Length, RegisterMessages.TtlMinutes, new[] { new LocatorRecord(new InetAddress(rloc), 1, 100) }, authoritative: true);
            var expected = new MapRegister(nonce, new[] { record }) { ProxyReply = proxyReply, UseTtl = true, WantMapNotify = expectsReply }.ToSignedArray(key);
            Assert.Equal(expected, buffer[..length]);
            Assert.Equal(AuthResult.Valid, key.Verify(buffer.AsSpan(0, length)));
        }
    }

    [Fact]
    public void RegisterMessages_Order_RegistersOnlyTheListedPrefixesFromTheirOwnSockets()
    {
        using var key = AuthenticationKey.FromPassword("k");
        EidPrefix[] prefixes = [.. Enumerable.Range(0, 6).Select(i => EidPrefix.Parse($"10.1.{i}.0/24"))];
        var messages = new RegisterMessages(prefixes, [4, 1], sockets: 4, Itr, key, proxyReply: true, new NotifySchedule(1));
        var buffer = new byte[messages.MaxLength];

        messages.Write(0, 1, buffer, out var first, out _);
        var register = Assert.IsType<MapRegister>(LispMessage.Parse(buffer.AsSpan(0, messages.MaxLength)));
        Assert.Equal("10.1.4.0/24", register.Records[0].Prefix);
        Assert.True(register.ProxyReply);
        Assert.True(register.WantMapNotify);
        Assert.Equal(0, first);

        messages.Write(1, 2, buffer, out var second, out _);
        Assert.Equal("10.1.1.0/24", Assert.IsType<MapRegister>(LispMessage.Parse(buffer.AsSpan(0, messages.MaxLength))).Records[0].Prefix);
        Assert.Equal(1, second);
    }

    private static byte[] Expected(EidPrefix eid, ulong nonce, ushort port, bool encapsulate, bool ddt)
    {
        var address = new InetAddress(eid.ToIPAddress());
        var request = new MapRequest(nonce, LispAddress.None, new LispAddress[] { new InetAddress(Itr) }, new[] { new MapRequestRecord(address, (byte)address.AddressBits) });
        if (!encapsulate)
        {
            return request.ToArray();
        }

        var source = eid.Family == EidFamily.IPv4 ? Itr : IPAddress.IPv6Any;
        return new EncapsulatedControlMessage(source, eid.ToIPAddress(), port, LispPorts.ControlPlane, request) { DdtOriginated = ddt }.ToArray();
    }

    private static EidPrefix Host(string address) => EidPrefix.FromIPAddress(IPAddress.Parse(address));
}
