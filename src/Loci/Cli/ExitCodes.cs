namespace Loci.Cli;

/// <summary>Process exit codes shared by every subcommand.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input held malformed messages (decode) or a check failed.</summary>
    public const int Malformed = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>An input file or resource could not be read.</summary>
    public const int IoError = 3;
}
