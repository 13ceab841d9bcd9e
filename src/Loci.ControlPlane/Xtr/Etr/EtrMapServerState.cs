using System.Net;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The ETR's state for one Map-Server: its key, the round of Map-Registers in flight, withdrawals
/// owed to it, and the status published for other threads. Role thread only, except <see cref="Status"/>.
/// </summary>
internal sealed class EtrMapServerState : IDisposable
{
    /// <summary>Nonces of superseded or finished rounds remembered to tell a late Map-Notify from an unsolicited one.</summary>
    private const int RecentNonceCount = 32;

    private readonly Queue<ulong> _recentNonces = new();
    private EtrMapServerStatus _status;

    public EtrMapServerState(int index, EtrMapServerOptions options)
    {
        Index = index;
        Name = options.Name;
        Address = new IPEndPoint(EtrAddresses.Normalize(options.Address!.Address), options.Address.Port);
        Key = AuthenticationKey.FromPassword(options.Password, options.Algorithm, options.KeyId);
        _status = new EtrMapServerStatus(Name, Address, EtrRegistrationState.Idle, 0, false, null, null, 0, 0);
    }

    public int Index { get; }

    public string Name { get; }

    public IPEndPoint Address { get; }

    /// <summary>This Map-Server's own key: signs its Map-Registers and verifies its Map-Notifies.</summary>
    public AuthenticationKey Key { get; }

    /// <summary>Map-Registers of the current round awaiting their Map-Notify.</summary>
    public List<EtrPendingRegister> Outstanding { get; } = [];

    /// <summary>Entries this Map-Server held and no longer holds: sent once with Record TTL 0 (RFC 9301 §8.2).</summary>
    public List<EtrLocalMapping> Withdrawals { get; } = [];

    public DateTimeOffset NextRound { get; set; }

    public EtrRegistrationState State { get; set; }

    public int Prefixes { get; set; }

    public DateTimeOffset? LastRegisterSent { get; set; }

    public DateTimeOffset? LastNotifyReceived { get; set; }

    public long Failures { get; set; }

    public long RegistersSent { get; set; }

    /// <summary>The latest published status; safe from any thread.</summary>
    public EtrMapServerStatus Status => Volatile.Read(ref _status);

    /// <summary>Ends the round in flight: its nonces become "recent" so late answers are recognised.</summary>
    public void ClearOutstanding()
    {
        foreach (var pending in Outstanding)
        {
            RememberNonce(pending.Nonce);
        }

        Outstanding.Clear();
    }

    public bool WasRecent(ulong nonce) => _recentNonces.Contains(nonce);

    public void Publish() => Volatile.Write(
        ref _status,
        new EtrMapServerStatus(Name, Address, State, Prefixes, Outstanding.Count > 0, LastRegisterSent, LastNotifyReceived, Failures, RegistersSent));

    public void Dispose() => Key.Dispose();

    private void RememberNonce(ulong nonce)
    {
        if (_recentNonces.Count == RecentNonceCount)
        {
            _recentNonces.Dequeue();
        }

        _recentNonces.Enqueue(nonce);
    }
}
