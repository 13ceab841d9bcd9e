using System.Net;
using Loci.ControlPlane;
using Loci.ControlPlane.MapServers;
using Loci.Diagnostics;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Integration;

/// <summary>Asking the mapping system as an ITR does, and checking answers and role counters.</summary>
internal static class ChainAssert
{
    /// <summary>Longest wait for an answer that should come: a DDT walk on loopback takes milliseconds, a busy machine may stall it for a second or two.</summary>
    public static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends the ECM Map-Request lig sends (ITR-RLOC and inner UDP source port are the ITR socket's
    /// own address and port) to the Map-Resolver and returns the first Map-Reply carrying its nonce,
    /// or null after <paramref name="wait"/>.
    /// </summary>
    public static (ulong Nonce, ProbeReply? Reply) Ask(ProbeSocket itr, IPEndPoint resolver, string eid, TimeSpan wait)
    {
        var nonce = ProbeSocket.NewNonce();
        return (nonce, itr.Exchange(itr.Request(IPAddress.Parse(eid), nonce, ddtOriginated: false), resolver, nonce, wait));
    }

    /// <summary>The one record of a Map-Reply from <paramref name="from"/> that carries <paramref name="nonce"/>.</summary>
    public static EidRecord Record(ProbeReply? reply, ulong nonce, IPEndPoint from, LoopbackMappingSystem system)
    {
        Assert.True(reply is not null, $"no Map-Reply with nonce {nonce}; the system:{Environment.NewLine}{system.Describe()}");
        var mapReply = Assert.IsType<MapReply>(reply.Message);
        Assert.Equal(nonce, mapReply.Nonce);
        Assert.Equal(from, reply.From);
        return Assert.Single(mapReply.Records);
    }

    public static void Prefix(EidPrefix expected, EidRecord record)
    {
        Assert.True(EidConversions.TryToPrefix(record.EidPrefix, record.MaskLength, out var actual), $"not an IP prefix: {record.Prefix}");
        Assert.Equal(expected, actual);
    }

    /// <summary>A negative Map-Reply record (RFC 9301 §5.4: no locators, ACT set) as the Map-Resolver sends it: not authoritative.</summary>
    public static void Negative(EidRecord record, string prefix, uint ttlMinutes, MapReplyAction action)
    {
        Prefix(EidPrefix.Parse(prefix), record);
        Assert.Empty(record.Locators);
        Assert.Equal(action, record.Action);
        Assert.Equal(ttlMinutes, record.Ttl);
        Assert.False(record.Authoritative);
    }

    /// <summary>Waits (bounded) for state the roles update after the ITR already has its answer.</summary>
    public static void Eventually(Func<bool> condition) => SpinWait.SpinUntil(condition, AnswerWait);

    /// <summary>
    /// Checks a set of counters of one role. Roles count some messages just after sending them, so
    /// the ITR can hold its answer before the last counter moves: wait (bounded) until the set reads
    /// as expected, then compare them all at once so a failure shows every one of them.
    /// </summary>
    public static void Counters<TCounter>(string role, Func<TCounter, long> read, params (TCounter Counter, long Expected)[] expected)
        where TCounter : struct, Enum =>
        Settled(role, expected.Select(e => (e.Counter.ToString(), e.Expected)).ToArray(), name => read(Enum.Parse<TCounter>(name)));

    /// <summary>The same for the Map-Server, whose counters are named properties (<see cref="MapServerCounters.ToDictionary"/>).</summary>
    public static void Counters(string role, MapServerCounters counters, params (string Counter, long Expected)[] expected) =>
        Settled(role, expected, name => counters.ToDictionary()[name]);

    private static void Settled(string role, (string Counter, long Expected)[] expected, Func<string, long> read)
    {
        var wanted = $"{role}: {string.Join(", ", expected.Select(e => $"{e.Counter}={e.Expected}"))}";
        string Actual() => $"{role}: {string.Join(", ", expected.Select(e => $"{e.Counter}={read(e.Counter)}"))}";
        SpinWait.SpinUntil(() => Actual() == wanted, AnswerWait);
        Assert.Equal(wanted, Actual());
    }
}
