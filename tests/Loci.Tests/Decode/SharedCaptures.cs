namespace Loci.Tests.Decode;

/// <summary>
/// Locates ../shared/captures (tcpdump's LISP sample captures) by walking up from the test binaries
/// to the directory that contains shared/captures; the clone sits beside shared/ in CI. Absent
/// means a broken checkout, so the tests fail rather than skip.
/// </summary>
internal static class SharedCaptures
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Path(string file) => System.IO.Path.Combine(Folder.Value, file);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "captures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/captures not found above {AppContext.BaseDirectory}; the repository must sit beside ../shared (tcpdump's LISP captures).");
    }
}
