namespace Loci.Wire;

/// <summary>
/// Thrown only by the convenience <c>Parse</c> methods used by the CLI and tests; the receive path
/// uses <c>TryParse</c>, which never throws on bad input.
/// </summary>
public sealed class WireFormatException : FormatException
{
    public WireFormatException(WireError error) : base(error.ToString()) => Error = error;

    public WireError Error { get; }
}
