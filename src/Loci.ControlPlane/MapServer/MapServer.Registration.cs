using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>The registration path (RFC 9301 §8.2; seed 002's MAP-REGISTER module). Single writer.</summary>
public sealed partial class MapServer
{
    /// <summary>The error logged for a Map-Register that parses but carries no record (Record Count is byte 3).</summary>
    private static readonly WireError NoRecords = new(WireErrorCode.BadValue, 3, "map-register without records");

    /// <summary>
    /// Processes one Map-Register. Order matters: parse, find the site by the first record, verify
    /// the HMAC with the key the message names, and only then consider the fast refresh path
    /// (PROTOCOL.md pitfall 26: a shortcut taken before verification would let a replayed or forged
    /// register extend a registration). Registration-path thread only; never throws on bad input.
    /// </summary>
    public void HandleRegistration(in InboundDatagram datagram)
    {
        Counters.RegisterReceived();
        var payload = datagram.Payload;
        if (!MapRegisterView.TryParse(payload, out var view, out var error) || view.Records.Count == 0)
        {
            Counters.Malformed();
            MapServerLog.Malformed(_logger, payload.Length, datagram.Source, error.IsError ? error : NoRecords);
            return;
        }

        // A Map-Register is signed with one site's key, so it speaks for one site: the site owning its first record.
        SiteState? site = null;
        foreach (var record in view.Records)
        {
            if (EidConversions.TryToPrefix(record.Eid, record.MaskLength, out var first) && _siteSpace.TryLookup(first, out var owner))
            {
                site = owner;
            }

            break;
        }

        if (site is null)
        {
            Counters.PrefixRejection();
            MapServerLog.RegisterForNoSite(_logger, datagram.Source);
            return;
        }

        // RFC 9301 §5.6: Key ID selects the site's key, Algorithm ID the HMAC; constant-time compare (pitfall 9).
        var key = site.FindKey(view.KeyId, view.Algorithm);
        if (key is null || key.Verify(payload, _options.AcceptTruncatedHmac) != AuthResult.Valid)
        {
            Counters.AuthFailure();
            site.AuthFailure(datagram.Source, view.KeyId, view.Algorithm);
            if (site.AuthFailureReports.TryReport(out var failures))
            {
                MapServerLog.AuthenticationFailed(_logger, site.Name, failures, datagram.Source, view.KeyId, view.Algorithm);
            }

            return;
        }

        var now = _time.GetUtcNow();
        var source = datagram.Source;
        var registrant = RegistrantId.For(view.HasXtrId ? view.XtrId : null, source.Address);
        var memoKey = (registrant, ContentHash(payload, view.AuthenticationData.Length));
        var fast = false;
        if (_memos.TryGetValue(memoKey, out var memo))
        {
            fast = TryFastRefresh(memo, source, now);
            if (!fast)
            {
                _memos.Remove(memoKey);
            }
        }

        if (!fast && !TryApply(payload, site, registrant, source, now, memoKey))
        {
            return;
        }

        if (fast)
        {
            Counters.FastRefresh();
        }

        Counters.RegisterAccepted();
        MapServerLog.RegisterAccepted(_logger, source, site.Name, view.Records.Count, fast);
        if (view.WantMapNotify && LispMessage.TryParse(payload, out var parsed, out _) && parsed is MapRegister register)
        {
            SendNotify(register, key, source);
        }
    }

    /// <summary>
    /// Hash of everything that defines the registration, nonce and authentication excluded (seed 002;
    /// the nonce changes on every periodic register): the header word (flags, record count) and every
    /// byte after the Authentication Data (records, xTR-ID, site-ID). SHA-256 truncated to 128 bits,
    /// computed on the stack.
    /// </summary>
    private static UInt128 ContentHash(ReadOnlySpan<byte> payload, int authLength)
    {
        Span<byte> chain = stackalloc byte[4 + SHA256.HashSizeInBytes];
        payload[..4].CopyTo(chain);
        SHA256.HashData(payload[(AuthenticatedMessage.AuthDataOffset + authLength)..], chain[4..]);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(chain, digest);
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>Fast refresh: the same registrant sent the same content from the same place; only extend the lifetimes.</summary>
    private bool TryFastRefresh(RegisterMemo memo, IPEndPoint source, DateTimeOffset now)
    {
        if (!memo.Source.Equals(source))
        {
            return false; // the last source is state: a move goes through the full path
        }

        foreach (var (prefix, registration) in memo.Created)
        {
            if (!_registrations.TryGetValue(prefix, out var entry) || !ReferenceEquals(entry.Find(registration.Registrant), registration))
            {
                return false; // expired, deregistered or replaced since
            }
        }

        foreach (var (_, registration) in memo.Created)
        {
            registration.Refresh(now);
        }

        return true;
    }

    /// <summary>The full path: check every record against the site, then apply them in one table update.</summary>
    private bool TryApply(ReadOnlySpan<byte> payload, SiteState site, RegistrantId registrant, IPEndPoint source, DateTimeOffset now, (RegistrantId, UInt128) memoKey)
    {
        if (!LispMessage.TryParse(payload, out var message, out var error) || message is not MapRegister register)
        {
            Counters.Malformed();
            MapServerLog.Malformed(_logger, payload.Length, source, error);
            return false;
        }

        // RFC 9301 §8.2: the Map-Server accepts only EID-prefixes configured for the site. The message is
        // one signed statement, so one record outside the site rejects all of it.
        var plan = new (EidPrefix Prefix, EidRecord Record)[register.Records.Count];
        for (var i = 0; i < plan.Length; i++)
        {
            var record = register.Records[i];
            if (!IsAllowed(site, record, out var prefix))
            {
                Counters.PrefixRejection();
                site.Rejection(source, prefix);
                if (site.RejectionReports.TryReport(out var rejections))
                {
                    MapServerLog.RegisterRejected(_logger, site.Name, rejections, source, prefix);
                }

                return false;
            }

            plan[i] = (prefix, record);
        }

        var created = new List<(EidPrefix, Registration)>(plan.Length);
        var deregistered = 0;
        List<EidPrefix>? fresh = null;
        List<EidPrefix>? withdrawn = null;
        _registrations.Update(writer =>
        {
            foreach (var (prefix, record) in plan)
            {
                writer.TryGetValue(prefix, out var entry);
                if (record.Ttl == 0)
                {
                    // RFC 9301 §8.2: a Record TTL of 0 withdraws the registrant's registration of the prefix.
                    var rest = entry?.Without(registrant, out _);
                    if (entry is not null && !ReferenceEquals(rest, entry))
                    {
                        deregistered++;
                        (withdrawn ??= []).Add(prefix);
                        if (rest is null)
                        {
                            writer.Remove(prefix);
                        }
                        else
                        {
                            writer.Set(prefix, rest);
                        }
                    }

                    continue;
                }

                // T bit: time out by the Record TTL (minutes) instead of the default (RFC 9301 §5.6).
                var lifetime = register.UseTtl
                    ? TimeSpan.FromMinutes(Math.Min(record.Ttl, _options.MaxRegistrationTtl.TotalMinutes))
                    : _options.RegistrationTtl;
                var previous = entry?.Find(registrant);
                if (previous is null)
                {
                    (fresh ??= []).Add(prefix);
                }

                var registration = new Registration(
                    registrant,
                    register.SiteId,
                    record.Locators,
                    register.ProxyReply,
                    record.Ttl,
                    lifetime,
                    previous?.RegisteredAt ?? now,
                    now,
                    source);
                writer.Set(prefix, (entry ?? new RegisteredPrefix(prefix, site, [])).With(registration));
                created.Add((prefix, registration));
            }
        });

        for (var i = 0; i < deregistered; i++)
        {
            Counters.Deregistration();
        }

        if (fresh is not null)
        {
            MapServerLog.Registered(_logger, site.Name, fresh, source);
        }

        if (withdrawn is not null)
        {
            MapServerLog.Deregistered(_logger, site.Name, withdrawn, source);
        }

        foreach (var (prefix, registration) in created)
        {
            _expiries.Enqueue((prefix, registration), registration.ExpiresAt.UtcTicks);
        }

        if (created.Count > 0 && deregistered == 0)
        {
            PruneMemos();
            _memos[memoKey] = new RegisterMemo(source, [.. created]);
        }

        return true;
    }

    private bool IsAllowed(SiteState site, EidRecord record, out EidPrefix prefix)
    {
        if (!EidConversions.TryToPrefix(record.EidPrefix, record.MaskLength, out prefix)
            || !_siteSpace.TryLookup(prefix, out var allowed, out var owner)
            || !ReferenceEquals(owner, site))
        {
            return false; // outside the site (or in another site's space: a key speaks for its own site only)
        }

        if (prefix != allowed && !site.Options.AcceptMoreSpecifics)
        {
            return false;
        }

        if (record.Ttl == 0)
        {
            return true; // a withdrawal needs no locators
        }

        if (record.Locators.Count == 0)
        {
            return false;
        }

        foreach (var locator in record.Locators)
        {
            if (!site.AllowsRloc(locator.Rloc))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keeps the memo table in proportion to the registrations: drops memos whose registrations are gone.</summary>
    private void PruneMemos()
    {
        if (_memos.Count < 64 + (2 * _registrations.Count))
        {
            return;
        }

        List<(RegistrantId, UInt128)>? stale = null;
        foreach (var (key, memo) in _memos)
        {
            foreach (var (prefix, registration) in memo.Created)
            {
                if (!_registrations.TryGetValue(prefix, out var entry) || !ReferenceEquals(entry.Find(registration.Registrant), registration))
                {
                    (stale ??= []).Add(key);
                    break;
                }
            }
        }

        foreach (var key in stale ?? [])
        {
            _memos.Remove(key);
        }
    }

    /// <summary>
    /// Map-Notify for a Map-Register with M set (RFC 9301 §5.7): same nonce, the register's records,
    /// xTR-ID and site-ID copied, signed with the key that verified the register. Sent to the
    /// register's source address and port (PROTOCOL.md pitfall 24: behind a NAT only that port reaches the ETR).
    /// </summary>
    private void SendNotify(MapRegister register, AuthenticationKey key, IPEndPoint destination)
    {
        var notify = new MapNotify(register.Nonce, register.Records) { XtrId = register.XtrId, SiteId = register.SiteId };
        var length = notify.EncodedLength + key.DigestLength;
        Span<byte> buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = notify.WriteSigned(buffer, key);
        _sender.Send(destination, buffer[..written]);
        Counters.NotifySent();
        MapServerLog.NotifySent(_logger, destination, register.Nonce);
    }

    /// <summary>
    /// Writes each site's aggregated warnings whose interval has passed (the count of a flood that
    /// has stopped is reported within a minute, not at the next failure). Registration path.
    /// </summary>
    private void ReportSiteWarnings()
    {
        foreach (var site in _sites)
        {
            if (site.AuthFailureReports.TryFlush(out var failures))
            {
                var (source, keyId, algorithm) = site.LastAuthFailure;
                MapServerLog.AuthenticationFailed(_logger, site.Name, failures, source, keyId, algorithm);
            }

            if (site.RejectionReports.TryFlush(out var rejections))
            {
                var (source, prefix) = site.LastRejection;
                MapServerLog.RegisterRejected(_logger, site.Name, rejections, source, prefix);
            }
        }
    }
}
