namespace Loci.Bench.Load;

/// <summary>How the <c>--register-first</c> phase went: prefixes asked for, prefixes confirmed by a Map-Notify, time taken.</summary>
internal sealed record SetupResult(int Requested, int Confirmed, TimeSpan Elapsed);
