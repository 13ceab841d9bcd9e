using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// RLOC-probing (RFC 9301 §6.3.2): a Map-Request with the P bit, sent straight to a cached locator,
/// answered by its ETR with a Map-Reply with the P bit and the same nonce. The answer proves the
/// locator reachable and gives its round-trip time; silence, repeated, marks it down.
/// </summary>
public sealed partial class Itr
{
    /// <summary>Puts a newly cached positive prefix on the probe schedule, one interval from now (each prefix on its own clock, so probes do not come in bursts).</summary>
    private void ScheduleProbing(MapCacheEntry entry, DateTimeOffset now)
    {
        if (Options.ProbeInterval > TimeSpan.Zero && !entry.IsNegative && !entry.Locators.IsEmpty && _probeScheduled.Add(entry.Prefix))
        {
            _probeSchedule.Enqueue(entry.Prefix, now + Options.ProbeInterval);
        }
    }

    /// <summary>Probes every locator of each prefix whose interval is up, and re-arms it; prefixes gone from the map-cache leave the schedule.</summary>
    private void RunProbeSchedule(DateTimeOffset now)
    {
        while (_probeSchedule.TryPeek(out var prefix, out var due) && due <= now)
        {
            _probeSchedule.Dequeue();
            if (!_cache.TryGetValue(prefix, out var entry) || entry.IsNegative || entry.Locators.IsEmpty)
            {
                _probeScheduled.Remove(prefix);
                continue;
            }

            foreach (var locator in entry.Locators)
            {
                SendProbe(prefix, locator.Address, now);
            }

            _probeSchedule.Enqueue(prefix, now + Options.ProbeInterval);
        }
    }

    /// <summary>
    /// The probe names the cached prefix in its record so the ETR answers for that mapping, carries no
    /// Source-EID (AFI 0: no host triggered it), and goes natively, not in an ECM, to the locator's
    /// control port. Locators of a family this ITR has no RLOC in cannot be reached and are skipped.
    /// </summary>
    private void SendProbe(EidPrefix prefix, IPAddress locator, DateTimeOffset now)
    {
        if (!HasRlocFor(locator))
        {
            return;
        }

        var nonce = NewNonce();
        var (address, mask) = EidConversions.ToWire(prefix);
        var probe = new MapRequest(nonce, LispAddress.None, _itrRlocs, new[] { new MapRequestRecord(address, mask) })
        {
            Probe = true,
        };
        var length = probe.WriteTo(_buffer);
        _sender.Send(new IPEndPoint(locator, Options.LocatorControlPort), _buffer.AsSpan(0, length));
        _probes.Add(nonce, new OutstandingProbe(prefix, locator, now));
        _probeOrder.Enqueue(nonce);
        Counters.Increment(ItrCounter.ProbesSent);
    }

    /// <summary>
    /// Probes that met silence for <see cref="ItrOptions.ProbeTimeout"/>. Every probe has the same
    /// timeout and they are sent in time order, so the oldest outstanding one is first in the queue;
    /// answered ones are skipped when they reach the front.
    /// </summary>
    private void RunProbeTimeouts(DateTimeOffset now)
    {
        while (_probeOrder.TryPeek(out var nonce))
        {
            if (!_probes.TryGetValue(nonce, out var probe))
            {
                _probeOrder.Dequeue();
                continue;
            }

            if (probe.Sent + Options.ProbeTimeout > now)
            {
                break;
            }

            _probeOrder.Dequeue();
            _probes.Remove(nonce);
            Counters.Increment(ItrCounter.ProbesLost);
            UpdateLocator(probe.Prefix, probe.Locator, locator =>
            {
                var misses = locator.ConsecutiveProbeMisses + 1;
                var down = locator.IsUp && misses >= Options.ProbeMissesToDown;
                if (down)
                {
                    Counters.Increment(ItrCounter.LocatorsDown);
                    ItrLog.LocatorDown(_logger, locator.Address, probe.Prefix, misses);
                }

                return locator with { ConsecutiveProbeMisses = misses, IsUp = locator.IsUp && !down };
            });
        }
    }

    /// <summary>
    /// A Map-Reply with the P bit: matched by nonce alone, because a multihomed ETR may answer from
    /// another of its RLOCs. The RTT is kept per locator, and an answer brings a down locator back up.
    /// </summary>
    private void OnProbeReply(MapReply reply, IPEndPoint source, DateTimeOffset now)
    {
        if (!_probes.Remove(reply.Nonce, out var probe))
        {
            Counters.Increment(ItrCounter.UnknownNonceDropped);
            ItrLog.UnknownNonce(_logger, source, reply.Nonce);
            return;
        }

        Counters.Increment(ItrCounter.ProbesAnswered);
        var rtt = now - probe.Sent;
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            ItrLog.ProbeAnswered(_logger, probe.Locator, probe.Prefix, rtt);
        }

        UpdateLocator(probe.Prefix, probe.Locator, locator =>
        {
            if (!locator.IsUp)
            {
                Counters.Increment(ItrCounter.LocatorsUp);
                ItrLog.LocatorUp(_logger, locator.Address, probe.Prefix, rtt);
            }

            return locator with { IsUp = true, LastRtt = rtt, LastProbeAnswer = now, ConsecutiveProbeMisses = 0 };
        });
    }

    /// <summary>Publishes a new version of the prefix's entry with one locator changed; nothing when the entry or the locator is gone.</summary>
    private void UpdateLocator(EidPrefix prefix, IPAddress address, Func<MapCacheLocator, MapCacheLocator> change)
    {
        if (!_cache.TryGetValue(prefix, out var entry))
        {
            return;
        }

        for (var i = 0; i < entry.Locators.Length; i++)
        {
            if (entry.Locators[i].Address.Equals(address))
            {
                _cache.Set(prefix, entry.WithLocators(entry.Locators.SetItem(i, change(entry.Locators[i]))));
                return;
            }
        }
    }
}
