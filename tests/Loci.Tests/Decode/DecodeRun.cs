using System.Text;
using Loci.Decode;

namespace Loci.Tests.Decode;

/// <summary>Runs `loci decode` in-process, as the executable does, and keeps what it printed.</summary>
internal sealed record DecodeRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static DecodeRun Of(params string[] args) => WithStdin([], args);

    public static DecodeRun WithStdin(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter(new StringBuilder());
        var stderr = new StringWriter(new StringBuilder());
        var exit = DecodeCommand.Run(args, stdout, stderr, () => new MemoryStream(stdin));
        return new DecodeRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Decodes <paramref name="capture"/> from a temporary file.</summary>
    public static DecodeRun OfCapture(byte[] capture, params string[] options)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loci-decode-" + Guid.NewGuid().ToString("N") + ".pcap");
        File.WriteAllBytes(path, capture);
        try
        {
            return Of([.. options, path]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
