namespace Loci.ControlPlane.MapServers;

/// <summary>Which processing path a datagram belongs to, so a host can queue registrations and resolutions apart (seed 002).</summary>
public enum MapServerMessageKind
{
    /// <summary>Not for the Map-Server (or empty); <see cref="MapServer.Receive"/> counts and drops it.</summary>
    Other = 0,

    /// <summary>Map-Register: run <see cref="MapServer.HandleRegistration"/> on the registration thread.</summary>
    Registration = 1,

    /// <summary>Map-Request, native or in an ECM: run <see cref="MapServer.HandleRequest"/> on any resolution thread.</summary>
    Resolution = 2,
}
