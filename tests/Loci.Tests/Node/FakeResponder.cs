using System.Net;
using Loci.Transport;
using Loci.Wire;

namespace Loci.Tests.Node;

/// <summary>A <see cref="FakeMappingRole"/> served by a real <see cref="UdpEndpointHost"/> and <see cref="RoleRunner"/> on loopback.</summary>
internal sealed class FakeResponder : IDisposable
{
    private readonly UdpEndpointHost _host;
    private readonly RoleRunner _runner;

    public FakeResponder(IPEndPoint bind, Func<EncapsulatedControlMessage, MapRequest, LispMessage?> answer)
    {
        _host = UdpEndpointHost.Bind(bind);
        Role = new FakeMappingRole(answer) { Sender = _host };
        _runner = new RoleRunner(Role, [_host], new RoleRunnerOptions { SplitRegistration = false });
        _runner.Start();
    }

    public FakeMappingRole Role { get; }

    public IPEndPoint Endpoint => _host.LocalEndpoint;

    public string Port => Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _runner.Stop();
        _host.Dispose();
    }
}
