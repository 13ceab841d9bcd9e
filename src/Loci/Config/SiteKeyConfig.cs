using Loci.Wire;

namespace Loci.Config;

/// <summary>A site authentication key: key ID (0-255, the high byte of the Key ID field, RFC 9301 §5.6), HMAC algorithm ("sha1" = HMAC-SHA-1-96, "sha256" = HMAC-SHA-256-128) and the shared password.</summary>
public sealed record SiteKeyConfig(byte KeyId, AuthAlgorithm Algorithm, string Password);
