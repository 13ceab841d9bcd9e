using System.Net;
using Loci.ControlPlane;
using Loci.Wire;

namespace Loci.Tests.Node;

/// <summary>
/// A responder for lig/rig tests: parses ECM Map-Requests and answers with whatever
/// <see cref="Answer"/> builds (Map-Reply or Map-Referral), sent to ITR-RLOC : inner source port as
/// a Map-Server or ETR would (RFC 9301 §5.8). Null answers are silence.
/// </summary>
internal sealed class FakeMappingRole : IRole
{
    private readonly Func<EncapsulatedControlMessage, MapRequest, LispMessage?> _answer;
    private int _requests;

    public FakeMappingRole(Func<EncapsulatedControlMessage, MapRequest, LispMessage?> answer)
    {
        _answer = answer;
    }

    public IDatagramSender? Sender { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public EncapsulatedControlMessage? LastRequest { get; private set; }

    public void Receive(in InboundDatagram datagram)
    {
        if (!LispMessage.TryParse(datagram.Payload, out var message, out _) || message is not EncapsulatedControlMessage { Inner: MapRequest request } ecm)
        {
            return;
        }

        Interlocked.Increment(ref _requests);
        LastRequest = ecm;
        if (_answer(ecm, request) is { } reply)
        {
            var itrRloc = ((InetAddress)request.ItrRlocs[0]).Ip;
            Sender?.Send(new IPEndPoint(itrRloc, ecm.InnerSourcePort), reply.ToArray());
        }
    }

    public void OnTimer()
    {
    }
}
