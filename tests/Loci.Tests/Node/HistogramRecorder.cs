using System.Diagnostics.Metrics;

namespace Loci.Tests.Node;

/// <summary>Collects the double-valued measurements (histograms) of one <see cref="RecordingMeterFactory"/>'s meters, with their tags.</summary>
internal sealed class HistogramRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = [];
    private readonly MeterListener _listener = new();

    public HistogramRecorder(RecordingMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Owns(instrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value?.ToString();
            }

            lock (_gate)
            {
                _measurements.Add((instrument.Name, value, copy));
            }
        });
        _listener.Start();
    }

    /// <summary>Values of <paramref name="instrument"/> whose tags include every pair of <paramref name="tags"/>.</summary>
    public IReadOnlyList<double> Values(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_gate)
        {
            return [.. _measurements
                .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
                .Select(m => m.Value)];
        }
    }

    public void Dispose() => _listener.Dispose();
}
