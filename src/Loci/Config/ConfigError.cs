namespace Loci.Config;

/// <summary>One problem in a configuration file: where (line, key path) and what.</summary>
public sealed record ConfigError(string File, int Line, string Path, string Message)
{
    public override string ToString() =>
        Path.Length == 0 ? $"{File} line {Line}: {Message}" : $"{File} line {Line}: {Path}: {Message}";
}
