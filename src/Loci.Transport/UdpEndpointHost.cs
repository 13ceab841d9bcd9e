using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane;
using Loci.ControlPlane.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.Transport;

/// <summary>
/// One bound UDP socket (IPv4, or IPv6 with IPV6_V6ONLY so each family has its own socket) with one
/// dedicated receive thread that runs to completion (DESIGN.md §4): read into the socket's one
/// reused buffer, call the handler inline, read again. No task per datagram, no per-datagram
/// allocation once the source address is cached. Sends are <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>
/// from any thread (the kernel serialises datagram sends), to a <see cref="DestinationAddress"/>
/// rewritten in place, so a send allocates nothing either. Sockets of one node may share a
/// <see cref="LocalDelivery"/>: then what a handler sends to another of them is handed over in-process.
/// </summary>
public sealed class UdpEndpointHost : IDatagramSender, IDisposable
{
    /// <summary>The LISP control port (RFC 9301 §5.1).</summary>
    public const int DefaultPort = 4342;

    /// <summary>How often a blocked receive wakes to notice a stop request.</summary>
    private const int ReceivePollMilliseconds = 200;

    private readonly Socket _socket;
    private readonly bool _dualMode; // read once: the DualMode getter is a getsockopt call
    private readonly UdpEndpointOptions _options;
    private readonly KeyValuePair<string, object?> _endpointTag;
    private readonly ILogger _logger;
    private readonly LogRateLimit _handlerErrorReports = new(RoleRunner.ReportInterval, TimeProvider.System);
    private readonly LogRateLimit _sendFailureReports = new(RoleRunner.ReportInterval, TimeProvider.System);
    private Thread? _thread;
    private DatagramHandler? _handler;
    private LocalDelivery? _local;
    private volatile bool _stopping;
    private long _received;
    private long _sent;
    private long _sendErrors;
    private long _handlerErrors;
    private int _disposed;

    private UdpEndpointHost(Socket socket, UdpEndpointOptions options, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _logger = logger;
        LocalEndpoint = (IPEndPoint)socket.LocalEndPoint!;
        _dualMode = socket.AddressFamily == AddressFamily.InterNetworkV6 && socket.DualMode;
        _endpointTag = new("endpoint", LocalEndpoint.ToString());
    }

    /// <summary>The bound address and port (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndpoint { get; }

    public AddressFamily AddressFamily => LocalEndpoint.AddressFamily;

    public long Received => Interlocked.Read(ref _received);

    public long Sent => Interlocked.Read(ref _sent);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>Exceptions thrown by the handler; the loop goes on after each.</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>True from <see cref="Start"/> until a stop: datagrams for this socket are read and handled.</summary>
    public bool IsReceiving => _handler is not null && !_stopping && Volatile.Read(ref _disposed) == 0;

    /// <summary>
    /// Binds <paramref name="endpoint"/>. Throws <see cref="EndpointBindException"/> naming the address
    /// and port when the port is taken or the address is not on this host. <paramref name="logger"/>
    /// gets handler exceptions and send failures (aggregated per <see cref="RoleRunner.ReportInterval"/>)
    /// and, at Trace, every datagram.
    /// </summary>
    public static UdpEndpointHost Bind(IPEndPoint endpoint, UdpEndpointOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new UdpEndpointOptions();
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // IPV6_V6ONLY: IPv4 traffic belongs to the IPv4 socket.
            }

            // Exclusive bind: a second node on the same address and port must fail, not share.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            if (options.ReceiveBufferSize is { } receiveBuffer)
            {
                socket.ReceiveBufferSize = receiveBuffer;
            }

            if (options.SendBufferSize is { } sendBuffer)
            {
                socket.SendBufferSize = sendBuffer;
            }

            socket.ReceiveTimeout = ReceivePollMilliseconds;
            socket.Bind(endpoint);
            return new UdpEndpointHost(socket, options, logger ?? NullLogger.Instance);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new EndpointBindException(endpoint, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts the receive thread; <paramref name="handler"/> runs on it for every datagram.</summary>
    public void Start(DatagramHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_thread is not null)
        {
            throw new InvalidOperationException($"The receive loop of {LocalEndpoint} is already running.");
        }

        _handler = handler;
        _thread = new Thread(ReceiveLoop)
        {
            IsBackground = true,
            Name = $"loci udp {LocalEndpoint}",
        };
        _thread.Start();
    }

    /// <summary>
    /// Joins the node's <see cref="LocalDelivery"/>, before <see cref="Start"/>: datagrams this socket's
    /// roles send, on a receive thread, to another socket of the node are delivered in-process, and
    /// this socket receives those sent to it. A socket bound to a wildcard address (a send-only
    /// egress socket) stays out: it has no address to show as the source.
    /// </summary>
    public void UseLocalDelivery(LocalDelivery local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (_thread is not null || _local is not null)
        {
            throw new InvalidOperationException($"{LocalEndpoint} joins local delivery once, before it starts.");
        }

        if (LocalEndpoint.Address.Equals(IPAddress.Any) || LocalEndpoint.Address.Equals(IPAddress.IPv6Any))
        {
            return;
        }

        _local = local;
        local.Add(this);
    }

    /// <summary>Stops reading and waits for the receive thread; the socket stays open for sends (drain).</summary>
    public void StopReceiving()
    {
        _stopping = true;
        var thread = _thread;
        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// Sends one datagram: in-process to a socket of this node when <see cref="LocalDelivery"/> can,
    /// else through the socket. A refused send is counted (<see cref="SendErrors"/>), never thrown to the role.
    /// </summary>
    public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_local is { } local && local.TryDefer(this, destination, payload))
        {
            CountSent(destination, payload.Length);
            return;
        }

        SendThroughSocket(destination, payload);
    }

    internal void SendThroughSocket(IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        try
        {
            _socket.SendTo(payload, SocketFlags.None, DestinationAddress.For(destination, _dualMode));
            CountSent(destination, payload.Length);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or ArgumentException)
        {
            Interlocked.Increment(ref _sendErrors);
            TransportMetrics.SendErrors.Add(1, _endpointTag);
            if (_sendFailureReports.TryReport(out var failures))
            {
                TransportLog.SendFailed(_logger, LocalEndpoint, destination, e.Message, failures);
            }
        }
    }

    /// <summary>One datagram out, through the kernel or in-process alike.</summary>
    private void CountSent(IPEndPoint destination, int length)
    {
        Interlocked.Increment(ref _sent);
        TransportMetrics.Sent.Add(1, _endpointTag);
        TransportLog.DatagramSent(_logger, length, destination, LocalEndpoint);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        StopReceiving();
        _socket.Dispose();
    }

    private void ReceiveLoop()
    {
        // One buffer per socket for its whole life: the handler runs to completion before the next read.
        var buffer = GC.AllocateUninitializedArray<byte>(_options.MaxDatagramSize, pinned: true);
        var received = new SocketAddress(AddressFamily);
        var sources = new SourceEndpointCache(LocalEndpoint);
        var handler = _handler!;
        var local = _local;
        local?.AttachCurrentThread();
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, received);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionReset or SocketError.MessageSize or SocketError.Interrupted)
            {
                FlushReports(); // poll tick, ICMP error reported on the socket, or an oversized datagram
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stopping && Volatile.Read(ref _disposed) == 0)
                {
                    TransportLog.ReceiveLoopFailed(_logger, LocalEndpoint, e);
                }

                return;
            }

            Dispatch(handler, buffer.AsSpan(0, length), sources.Get(received));
            local?.Drain();
        }
    }

    /// <summary>A datagram from a socket of this node, delivered in-process on the sender's receive thread (the caller checked <see cref="IsReceiving"/>).</summary>
    internal void DeliverLocal(ReadOnlySpan<byte> payload, IPEndPoint source) => Dispatch(_handler!, payload, source);

    private void Dispatch(DatagramHandler handler, ReadOnlySpan<byte> payload, IPEndPoint source)
    {
        Interlocked.Increment(ref _received);
        TransportMetrics.Received.Add(1, _endpointTag);
        TransportLog.DatagramReceived(_logger, payload.Length, source, LocalEndpoint);
        try
        {
            handler(new InboundDatagram(payload, source, LocalEndpoint));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler bug must not kill the socket's only reader.
            Interlocked.Increment(ref _handlerErrors);
            TransportMetrics.RoleErrors.Add(1, _endpointTag);
            if (_handlerErrorReports.TryReport(out var errors))
            {
                TransportLog.HandlerThrew(_logger, LocalEndpoint, errors, e);
            }
        }
    }

    /// <summary>Writes the aggregated reports whose interval has passed; the receive thread calls it on each poll tick.</summary>
    private void FlushReports()
    {
        if (_handlerErrorReports.TryFlush(out var errors))
        {
            TransportLog.HandlerErrorsSummary(_logger, LocalEndpoint, errors);
        }

        if (_sendFailureReports.TryFlush(out var failures))
        {
            TransportLog.SendFailuresSummary(_logger, LocalEndpoint, failures);
        }
    }
}
