using Loci.Prefixes;

namespace Loci.ControlPlane.Ddt;

/// <summary>
/// Configuration of one DDT node (RFC 8111 §3, §7.1): the EID-prefixes it is authoritative for and the
/// delegations below them. Immutable; <see cref="Validate"/> lists every problem and
/// <see cref="ThrowIfInvalid"/> turns them into one exception for start-up.
/// </summary>
public sealed record DdtNodeOptions
{
    public IReadOnlyList<EidPrefix> AuthoritativePrefixes { get; init; } = [];

    public IReadOnlyList<DdtDelegation> Delegations { get; init; } = [];

    public ReferralTtls Ttls { get; init; } = new();

    /// <summary>A DDT root (RFC 8111 §3: the root is authoritative for the whole EID space): 0.0.0.0/0 and ::/0.</summary>
    public static DdtNodeOptions Root(params IReadOnlyList<DdtDelegation> delegations) => new()
    {
        AuthoritativePrefixes = [EidPrefix.Parse("0.0.0.0/0"), EidPrefix.Parse("::/0")],
        Delegations = delegations,
    };

    /// <summary>Every configuration error, each naming the offending entry; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AuthoritativePrefixes is null || AuthoritativePrefixes.Count == 0)
        {
            errors.Add("AuthoritativePrefixes: a DDT node needs at least one authoritative prefix (RFC 8111 §7.1).");
        }
        else
        {
            for (var i = 0; i < AuthoritativePrefixes.Count; i++)
            {
                if (AuthoritativePrefixes[i].Family == EidFamily.None)
                {
                    errors.Add($"AuthoritativePrefixes[{i}]: empty prefix.");
                }
            }
        }

        if (Ttls is null)
        {
            errors.Add("Ttls: must not be null.");
        }

        var delegations = Delegations ?? [];
        for (var i = 0; i < delegations.Count; i++)
        {
            ValidateDelegation(delegations, i, errors);
        }

        return errors;
    }

    /// <exception cref="ArgumentException">The options are invalid; the message lists every error.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid DDT node options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }
    }

    private void ValidateDelegation(IReadOnlyList<DdtDelegation> delegations, int i, List<string> errors)
    {
        var delegation = delegations[i];
        if (delegation is null)
        {
            errors.Add($"Delegations[{i}]: null entry.");
            return;
        }

        var name = $"Delegations[{i}] ({delegation.Prefix})";
        if (delegation.Prefix.Family == EidFamily.None)
        {
            errors.Add($"Delegations[{i}]: empty prefix.");
            return;
        }

        if (!Enum.IsDefined(delegation.Kind))
        {
            errors.Add($"{name}: unknown kind {delegation.Kind}.");
        }

        if (delegation.Targets is null || delegation.Targets.Count == 0)
        {
            errors.Add($"{name}: needs at least one referral target (DDT node or Map-Server address).");
        }
        else if (delegation.Targets.Count > byte.MaxValue)
        {
            errors.Add($"{name}: at most 255 referral targets fit a Map-Referral record (RFC 8111 §6.4).");
        }
        else if (delegation.Targets.Any(t => t?.Address is null))
        {
            errors.Add($"{name}: a referral target has no address.");
        }

        // A node can only hand down what it holds (RFC 8111 §3): the delegation lies inside an authoritative prefix.
        if (AuthoritativePrefixes is not null && !AuthoritativePrefixes.Any(a => a.Contains(delegation.Prefix)))
        {
            errors.Add($"{name}: not inside any authoritative prefix of this node.");
        }

        // Nested or repeated delegations make the answer depend on the lookup order: refuse them.
        for (var j = 0; j < i; j++)
        {
            if (delegations[j] is { } other && other.Prefix.Family != EidFamily.None && other.Prefix.Overlaps(delegation.Prefix))
            {
                errors.Add($"{name}: overlaps Delegations[{j}] ({other.Prefix}).");
            }
        }
    }
}
