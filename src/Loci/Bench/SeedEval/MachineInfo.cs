using System.Globalization;
using System.Runtime.InteropServices;

namespace Loci.Bench.SeedEval;

/// <summary>The machine a run measured: CPU model (what lscpu shows, from /proc/cpuinfo), cores, .NET, OS, load.</summary>
internal sealed record MachineInfo(string CpuModel, int Cores, int TotalCores, string Runtime, string Os, string LoadAverage)
{
    public static MachineInfo Collect() => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        CountCores(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        LoadAverageNow());

    /// <summary>1-, 5- and 15-minute load averages from /proc/loadavg, or "unknown".</summary>
    public static string LoadAverageNow()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return fields.Length >= 3 ? $"{fields[0]}, {fields[1]}, {fields[2]}" : "unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>The 1-minute load average, or NaN when unknown.</summary>
    public static double LoadOneMinute(string loadAverage) =>
        double.TryParse(loadAverage.Split(',')[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static int CountCores()
    {
        try
        {
            return Math.Max(1, File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Environment.ProcessorCount;
        }
    }
}
