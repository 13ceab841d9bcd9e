using System.Xml.Linq;

namespace Loci.Tests.Architecture;

/// <summary>
/// The layers of DESIGN.md §2: dependencies only point down. The wire and table libraries use the
/// BCL only; the roles and the transport add only the logging abstractions (the host picks the
/// provider); the wire and table libraries reference no other project; the executable sits on top.
/// </summary>
public class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Loci.Wire"] = [],
        ["Loci.Prefixes"] = [],
        ["Loci.ControlPlane"] = ["Loci.Wire", "Loci.Prefixes"],
        ["Loci.Transport"] = ["Loci.ControlPlane", "Loci.Wire"],
        ["Loci"] = ["Loci.Wire", "Loci.Prefixes", "Loci.ControlPlane", "Loci.Transport"],
    };

    [Theory]
    [InlineData("Loci.Wire")]
    [InlineData("Loci.Prefixes")]
    [InlineData("Loci.ControlPlane")]
    [InlineData("Loci.Transport")]
    [InlineData("Loci")]
    public void ProjectReferences_OnlyPointDown(string project)
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, project + ".csproj"));
        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();
        Assert.All(references, r => Assert.Contains(r, Allowed[project]));
        var packages = csproj.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToArray();
        if (project is "Loci.Wire" or "Loci.Prefixes")
        {
            Assert.Empty(packages);
        }
        else if (project is "Loci.ControlPlane" or "Loci.Transport")
        {
            Assert.All(packages, p => Assert.Equal("Microsoft.Extensions.Logging.Abstractions", p));
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Loci.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Loci.slnx not found above " + AppContext.BaseDirectory);
    }
}
