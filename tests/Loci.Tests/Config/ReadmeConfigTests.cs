using System.Text.RegularExpressions;
using Loci.Config;

namespace Loci.Tests.Config;

/// <summary>The configuration examples in README.md are ones the loader accepts: documentation that cannot rot silently.</summary>
public partial class ReadmeConfigTests
{
    [Fact]
    public void EveryJsoncBlockInTheReadme_Loads()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var blocks = JsoncBlock().Matches(readme).Select(m => m.Groups[1].Value).ToArray();

        Assert.True(blocks.Length >= 2, "README.md should show the node and xtr configuration examples");
        Assert.All(blocks, block => NodeConfigLoader.Parse(block, "README.md"));
        Assert.Contains(blocks, b => NodeConfigLoader.Parse(b).Xtr is { Etr: not null, Itr: not null });
    }

    [GeneratedRegex("```jsonc\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsoncBlock();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Loci.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
