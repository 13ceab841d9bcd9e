using Loci.ControlPlane;

namespace Loci.Tests.Node;

/// <summary>
/// A role for host tests: counts what it sees per LISP type, optionally sleeps on registration
/// datagrams (a slow Map-Server under a Map-Register flood) and echoes resolution datagrams back
/// to their source so the test can time them.
/// </summary>
internal sealed class FakeRole : IRole
{
    private readonly TimeSpan _registrationDelay;
    private long _registrations;
    private long _resolutions;
    private long _timers;

    public FakeRole(TimeSpan registrationDelay = default)
    {
        _registrationDelay = registrationDelay;
    }

    public IDatagramSender? Sender { get; set; }

    public long Registrations => Interlocked.Read(ref _registrations);

    public long Resolutions => Interlocked.Read(ref _resolutions);

    public long Timers => Interlocked.Read(ref _timers);

    public int? ThrowOnFirstByte { get; set; }

    public void Receive(in InboundDatagram datagram)
    {
        if (ThrowOnFirstByte is { } poison && !datagram.Payload.IsEmpty && datagram.Payload[0] == poison)
        {
            throw new InvalidOperationException("poison datagram");
        }

        var type = datagram.Payload.IsEmpty ? 0 : datagram.Payload[0] >> 4;
        if (type is 3 or 5 or 7)
        {
            Interlocked.Increment(ref _registrations);
            if (_registrationDelay > TimeSpan.Zero)
            {
                Thread.Sleep(_registrationDelay);
            }

            return;
        }

        Interlocked.Increment(ref _resolutions);
        Sender?.Send(datagram.Source, datagram.Payload);
    }

    public void OnTimer() => Interlocked.Increment(ref _timers);
}
