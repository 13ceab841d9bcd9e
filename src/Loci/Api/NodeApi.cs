using System.Net;
using Loci.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Loci.Api;

/// <summary>
/// The node's local management API (DESIGN.md §5): read-only JSON over HTTP on a loopback address by
/// default. The CLI (`loci show`) is a client of it and re-implements no node logic.
/// </summary>
internal sealed class NodeApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeApi(WebApplication app, IPEndPoint endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public static async Task<NodeApi> StartAsync(IPEndPoint endpoint, IReadOnlyList<LociNode> nodes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(endpoint));
        var app = builder.Build();
        app.MapGet("/api/sites", () => Results.Json(ApiViews.Sites(nodes)));
        app.MapGet("/api/registrations", () => Results.Json(ApiViews.Registrations(nodes)));
        app.MapGet("/api/delegations", () => Results.Json(ApiViews.Delegations(nodes)));
        app.MapGet("/api/referrals", () => Results.Json(ApiViews.Referrals(nodes)));
        app.MapGet("/api/pending", () => Results.Json(ApiViews.Pending(nodes)));
        app.MapGet("/api/stats", () => Results.Json(ApiViews.Stats(nodes)));
        app.MapGet("/api/runtime", () => Results.Json(RuntimeView.Read()));
        XtrApi.Map(app, nodes);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new Transport.EndpointBindException($"the API cannot listen on {endpoint}: {ex.Message}", ex);
        }

        // With port 0 the kernel picks the port: report the one actually bound.
        var bound = app.Urls.Select(u => new Uri(u)).Select(u => new IPEndPoint(IPAddress.Parse(u.Host.Trim('[', ']')), u.Port)).FirstOrDefault() ?? endpoint;
        return new NodeApi(app, bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
