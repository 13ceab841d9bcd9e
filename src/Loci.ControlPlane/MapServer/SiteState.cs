using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>A configured site with its keys prepared once (HMAC keyed state is reused per message).</summary>
internal sealed class SiteState : IDisposable
{
    private readonly AuthenticationKey[] _keys;
    private long _authFailures;

    public SiteState(SiteOptions options)
    {
        Options = options;
        _keys = [.. options.Keys.Select(k => AuthenticationKey.FromPassword(k.Password, k.Algorithm, k.KeyId))];
    }

    public SiteOptions Options { get; }

    public string Name => Options.Name;

    public long AuthFailures => Volatile.Read(ref _authFailures);

    public void AuthFailure() => Interlocked.Increment(ref _authFailures);

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
