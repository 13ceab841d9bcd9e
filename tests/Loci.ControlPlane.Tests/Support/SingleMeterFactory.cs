using System.Diagnostics.Metrics;

namespace Loci.ControlPlane.Tests.Support;

/// <summary>An <see cref="IMeterFactory"/> that remembers the meter it made, so a test can listen to one role's instruments.</summary>
public sealed class SingleMeterFactory : IMeterFactory
{
    public Meter? Created { get; private set; }

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Created = new Meter(options.Name, options.Version, options.Tags, this);
        return Created;
    }

    public void Dispose() => Created?.Dispose();
}
