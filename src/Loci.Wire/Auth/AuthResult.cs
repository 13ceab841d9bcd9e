namespace Loci.Wire;

/// <summary>Outcome of <see cref="AuthenticationKey.Verify"/>; each value is a distinct drop reason for counters.</summary>
public enum AuthResult
{
    Valid = 0,
    /// <summary>The HMAC does not match: wrong key or altered message.</summary>
    Mismatch,
    /// <summary>Algorithm ID 0: the message carries no authentication.</summary>
    NotAuthenticated,
    /// <summary>The message uses another algorithm than this key.</summary>
    AlgorithmMismatch,
    /// <summary>The Key ID names another key of the site.</summary>
    UnknownKeyId,
    /// <summary>The Authentication Data Length is neither the full nor (if allowed) the truncated length.</summary>
    BadLength,
    /// <summary>Too short to hold the authentication block, or the length runs past the message.</summary>
    Malformed,
}
