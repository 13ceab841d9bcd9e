using System.Collections.Immutable;
using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// One map-cache entry of an ITR: an EID prefix with its locator set, or a negative entry with the
/// action the mapping system chose (RFC 9301 §5.4). Immutable apart from <see cref="LastUsed"/>,
/// which lookups on any thread refresh; the role thread replaces the entry when anything else changes.
/// </summary>
public sealed class MapCacheEntry
{
    private readonly EntryActivity _activity;

    internal MapCacheEntry(
        EidPrefix prefix,
        ImmutableArray<MapCacheLocator> locators,
        bool isNegative,
        MapReplyAction action,
        uint ttlMinutes,
        DateTimeOffset answered,
        DateTimeOffset expires,
        IPEndPoint? answeredBy,
        bool authoritative,
        ushort mapVersion,
        EntryActivity activity)
    {
        Prefix = prefix;
        Locators = locators;
        IsNegative = isNegative;
        Action = action;
        TtlMinutes = ttlMinutes;
        Answered = answered;
        Expires = expires;
        AnsweredBy = answeredBy;
        Authoritative = authoritative;
        MapVersion = mapVersion;
        _activity = activity;
    }

    public EidPrefix Prefix { get; }

    /// <summary>The locator set, in the order of the Map-Reply; empty for a negative entry.</summary>
    public ImmutableArray<MapCacheLocator> Locators { get; }

    /// <summary>The record had no locators: <see cref="Action"/> says what to do with packets (RFC 9301 §5.4).</summary>
    public bool IsNegative { get; }

    /// <summary>ACT of the record; meaningful for negative entries. 6 and 7 are unassigned and kept as received.</summary>
    public MapReplyAction Action { get; }

    /// <summary>Record TTL as received, in minutes.</summary>
    public uint TtlMinutes { get; }

    /// <summary>When the Map-Reply that installed this mapping arrived.</summary>
    public DateTimeOffset Answered { get; }

    /// <summary>When the TTL (capped by <see cref="ItrOptions.MaxTtl"/>) runs out.</summary>
    public DateTimeOffset Expires { get; }

    /// <summary>Who sent the Map-Reply: the ETR, a Map-Server answering by proxy, or the Map-Resolver (negative).</summary>
    public IPEndPoint? AnsweredBy { get; }

    /// <summary>A bit of the record: the answer comes from the site itself (RFC 9301 §5.4).</summary>
    public bool Authoritative { get; }

    /// <summary>Map-Version of the record (RFC 9302), 0 = none.</summary>
    public ushort MapVersion { get; }

    /// <summary>The last lookup that used the entry (or its installation); idle eviction reads it.</summary>
    public DateTimeOffset LastUsed => _activity.LastUsed;

    internal EntryActivity Activity => _activity;

    internal MapCacheEntry WithLocators(ImmutableArray<MapCacheLocator> locators) =>
        new(Prefix, locators, IsNegative, Action, TtlMinutes, Answered, Expires, AnsweredBy, Authoritative, MapVersion, _activity);

    public override string ToString() =>
        IsNegative
            ? $"{Prefix} negative {Action} ttl {TtlMinutes} min"
            : $"{Prefix} [{string.Join(", ", Locators)}] ttl {TtlMinutes} min";
}
