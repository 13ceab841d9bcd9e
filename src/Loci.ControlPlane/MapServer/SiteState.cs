using System.Net;
using Loci.ControlPlane.Observability;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>A configured site with its keys prepared once (HMAC keyed state is reused per message).</summary>
internal sealed class SiteState : IDisposable
{
    private readonly AuthenticationKey[] _keys;
    private long _authFailures;

    public SiteState(SiteOptions options, TimeSpan warningInterval, TimeProvider time)
    {
        Options = options;
        _keys = [.. options.Keys.Select(k => AuthenticationKey.FromPassword(k.Password, k.Algorithm, k.KeyId))];
        AuthFailureReports = new LogRateLimit(warningInterval, time);
        RejectionReports = new LogRateLimit(warningInterval, time);
    }

    public SiteOptions Options { get; }

    public string Name => Options.Name;

    public long AuthFailures => Volatile.Read(ref _authFailures);

    /// <summary>Aggregates this site's authentication-failure warnings (one per interval, with a count).</summary>
    public LogRateLimit AuthFailureReports { get; }

    /// <summary>Aggregates this site's policy-rejection warnings.</summary>
    public LogRateLimit RejectionReports { get; }

    /// <summary>The last failed Map-Register, for the periodic summary. Registration path only.</summary>
    public (IPEndPoint Source, byte KeyId, AuthAlgorithm Algorithm) LastAuthFailure { get; private set; }

    /// <summary>The last rejected Map-Register, for the periodic summary. Registration path only.</summary>
    public (IPEndPoint Source, EidPrefix Prefix) LastRejection { get; private set; }

    public void AuthFailure(IPEndPoint source, byte keyId, AuthAlgorithm algorithm)
    {
        Interlocked.Increment(ref _authFailures);
        LastAuthFailure = (source, keyId, algorithm);
    }

    public void Rejection(IPEndPoint source, EidPrefix prefix) => LastRejection = (source, prefix);

    /// <summary>The key a message names by its Key ID and Algorithm ID bytes, or null.</summary>
    public AuthenticationKey? FindKey(byte keyId, AuthAlgorithm algorithm)
    {
        foreach (var key in _keys)
        {
            if (key.KeyId == keyId && key.Algorithm == algorithm)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>True when the site allows no RLOC filter, or <paramref name="rloc"/> lies in an allowed RLOC prefix.</summary>
    public bool AllowsRloc(LispAddress rloc)
    {
        if (Options.AllowedRlocs.Count == 0)
        {
            return true;
        }

        if (EidConversions.ToIPAddress(rloc) is not { } ip)
        {
            return false;
        }

        var host = EidPrefix.FromIPAddress(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
        foreach (var allowed in Options.AllowedRlocs)
        {
            if (allowed.Contains(host))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }
}
