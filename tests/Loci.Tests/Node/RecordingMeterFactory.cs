using System.Diagnostics.Metrics;

namespace Loci.Tests.Node;

/// <summary>
/// An <see cref="IMeterFactory"/> whose meters carry it as their scope, so a <see cref="MeterListener"/>
/// can listen to one node's instruments only: tests run in parallel, and every node publishes under
/// the same meter names.
/// </summary>
internal sealed class RecordingMeterFactory : IMeterFactory
{
    private readonly Lock _gate = new();
    private readonly List<Meter> _meters = [];

    public bool Owns(Instrument instrument) => ReferenceEquals(instrument.Meter.Scope, this);

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(options.Name, options.Version, options.Tags, this);
        lock (_gate)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
