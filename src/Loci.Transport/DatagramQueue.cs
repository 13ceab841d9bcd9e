using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using Loci.ControlPlane;

namespace Loci.Transport;

/// <summary>
/// The bounded FIFO behind a <see cref="RoleQueue"/>: any number of receive threads copy datagrams
/// in, one queue thread takes them out, and in steady state neither allocates (issue 6: no Gen0
/// collection at 50,000 Map-Requests/s). It replaces a bounded <c>Channel</c>, whose consumer
/// allocated a waiter task (and often a wait event) each time the queue ran empty, which at that
/// rate is nearly every datagram; and the shared <see cref="ArrayPool{T}"/>, which keeps only 32
/// buffers of a size per core, so a backlog of a few hundred datagrams allocated the rest.
/// <list type="bullet">
/// <item>One lock, held to copy a datagram in or out of the ring and never while the role runs. An
/// empty queue's thread spins briefly, then waits on the lock with <see cref="Monitor.Wait(object, int)"/>;
/// producers pulse only when it waits.</item>
/// <item>Payloads are copied into buffers the queue keeps: the buffer of a taken datagram comes back
/// at the next <see cref="Take"/>, so an idle-to-busy queue cycles one buffer, and a backlog of n
/// keeps n buffers after it clears (at most <see cref="MaxSpareBuffers"/>). Buffers start at
/// <see cref="MinBufferSize"/> and grow by powers of two to the largest datagram seen, up to
/// <see cref="MaxKeptBufferSize"/>; larger datagrams are rented from the shared pool and given back.</item>
/// <item>The ring grows by doubling up to the capacity, so an idle role does not hold 8,192 slots.</item>
/// </list>
/// </summary>
internal sealed class DatagramQueue
{
    /// <summary>Smallest kept buffer: a Map-Request, also inside an ECM, fits (RFC 9301 §5.3, §5.8).</summary>
    public const int MinBufferSize = 256;

    /// <summary>Largest kept buffer: any control message in one 1500-byte Ethernet frame. Larger are rare and pooled.</summary>
    public const int MaxKeptBufferSize = 2048;

    /// <summary>At most this many idle buffers are kept (2 MiB at the largest size); a longer backlog allocates its excess once.</summary>
    public const int MaxSpareBuffers = 1024;

    /// <summary>
    /// How long an empty queue's thread spins before it blocks: longer than a loopback round trip
    /// (about 25 µs on the 2-core test machine), so at tens of thousands of datagrams a second it
    /// seldom sleeps; an idle queue spends at most this much CPU per burst. Not at all when the
    /// process has one core (as a node under <c>taskset -c 0</c>): the datagram it waits for can only
    /// come from a thread that needs that core, so spinning delays it, and a node whose roles each
    /// spun after every datagram lost most of its core to it (map-resolver, DDT and map-server in one
    /// process: saturated at 28,000 requests/s while spinning).
    /// </summary>
    private static readonly long SpinTimestamps = Environment.ProcessorCount > 1 ? Stopwatch.Frequency * 50 / 1_000_000 : 0;

    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly byte[][] _spares;
    private QueuedDatagram[] _ring;
    private int _head;
    private int _count;
    private int _spareCount;
    private byte[]? _taken;
    private bool _wakePending;
    private bool _completed;
    private bool _takerWaiting;

    public DatagramQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _ring = new QueuedDatagram[Math.Min(capacity, 64)];
        _spares = new byte[Math.Min(capacity + 1, MaxSpareBuffers)][];
    }

    /// <summary>Datagrams waiting (not counting the one the queue thread is handling).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>True while the queue thread waits in <see cref="Take"/> for something to arrive.</summary>
    public bool TakerWaiting
    {
        get
        {
            lock (_lock)
            {
                return _takerWaiting;
            }
        }
    }

    /// <summary>
    /// Copies the datagram in at the tail. False, and nothing is copied, when the queue holds its
    /// capacity (tail drop) or is completed. Any thread.
    /// </summary>
    public bool TryEnqueue(in InboundDatagram datagram, long enqueuedAt)
    {
        var payload = datagram.Payload;
        lock (_lock)
        {
            if (_completed || _count == _capacity)
            {
                return false;
            }

            if (_count == _ring.Length)
            {
                Grow();
            }

            var buffer = RentBuffer(payload.Length);
            payload.CopyTo(buffer);
            var tail = _head + _count;
            _ring[tail < _ring.Length ? tail : tail - _ring.Length] = new QueuedDatagram(buffer, payload.Length, datagram.Source, datagram.Local, enqueuedAt);
            _count++;
            PulseTaker();
            return true;
        }
    }

    /// <summary>Asks the queue thread to run the timer; requests coalesce until it does. Ignored once completed. Any thread.</summary>
    public void Wake()
    {
        lock (_lock)
        {
            if (_wakePending || _completed)
            {
                return;
            }

            _wakePending = true;
            PulseTaker();
        }
    }

    /// <summary>No more datagrams: <see cref="Take"/> hands out what is queued, then reports <see cref="QueueTake.Completed"/>. Any thread.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            PulseTaker();
        }
    }

    /// <summary>
    /// The queue thread's one call: gives back the buffer of the datagram it took last, then returns a
    /// pending wake-up, else the oldest datagram (its buffer stays valid until the next call), else
    /// <see cref="QueueTake.Completed"/> when completed, else waits up to <paramref name="timeoutMilliseconds"/>
    /// (<see cref="Timeout.Infinite"/>: no limit) for one of those, or reports <see cref="QueueTake.TimedOut"/>.
    /// </summary>
    public QueueTake Take(int timeoutMilliseconds, out QueuedDatagram datagram)
    {
        lock (_lock)
        {
            if (_taken is not null)
            {
                ReturnBuffer(_taken);
                _taken = null;
            }

            var outcome = TryTake(out datagram);
            if (outcome != QueueTake.TimedOut || timeoutMilliseconds == 0)
            {
                return outcome;
            }
        }

        // Spin a little before sleeping (as Task.Wait and ManualResetEventSlim do, which the Channel
        // this replaces used): under load the next datagram usually comes within the spin, while
        // being put to sleep and woken costs the waiter tens of microseconds on a virtual machine
        // (it more than doubled a lone request's loopback round trip, 25 -> 65 µs) and the producer
        // a futex call. SpinWait yields the core after its first few spins.
        var spinner = default(SpinWait);
        var spinUntil = Stopwatch.GetTimestamp() + SpinTimestamps;
        while (!Signalled() && Stopwatch.GetTimestamp() < spinUntil)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        lock (_lock)
        {
            var outcome = TryTake(out datagram);
            if (outcome != QueueTake.TimedOut)
            {
                return outcome;
            }

            // Every pulse means a datagram, a wake-up or completion; after a timeout, one last look.
            _takerWaiting = true;
            Monitor.Wait(_lock, timeoutMilliseconds);
            _takerWaiting = false;
            return TryTake(out datagram);
        }
    }

    /// <summary>A hint read without the lock, for the spin only: something may be there to take.</summary>
    private bool Signalled() => Volatile.Read(ref _count) != 0 || Volatile.Read(ref _wakePending) || Volatile.Read(ref _completed);

    private QueueTake TryTake(out QueuedDatagram datagram)
    {
        datagram = default;
        if (_wakePending)
        {
            _wakePending = false;
            return QueueTake.Wake;
        }

        if (_count > 0)
        {
            datagram = _ring[_head];
            _ring[_head] = default; // no stale references from an empty slot
            _head = _head + 1 == _ring.Length ? 0 : _head + 1;
            _count--;
            _taken = datagram.Buffer;
            return QueueTake.Datagram;
        }

        return _completed ? QueueTake.Completed : QueueTake.TimedOut;
    }

    private void PulseTaker()
    {
        if (_takerWaiting)
        {
            Monitor.Pulse(_lock);
        }
    }

    /// <summary>Doubles the full ring (up to the capacity), oldest first at 0. Under the lock.</summary>
    private void Grow()
    {
        var ring = new QueuedDatagram[Math.Min(_ring.Length * 2, _capacity)];
        var first = _ring.Length - _head;
        Array.Copy(_ring, _head, ring, 0, first);
        Array.Copy(_ring, 0, ring, first, _head);
        _ring = ring;
        _head = 0;
    }

    /// <summary>A buffer of at least <paramref name="length"/> bytes. Under the lock.</summary>
    private byte[] RentBuffer(int length)
    {
        if (length > MaxKeptBufferSize)
        {
            return ArrayPool<byte>.Shared.Rent(length);
        }

        if (_spareCount > 0)
        {
            var spare = _spares[--_spareCount];
            _spares[_spareCount] = null!;
            if (spare.Length >= length)
            {
                return spare;
            }

            // Too small: replaced by a larger one, so the spares converge on the largest size in use.
        }

        return GC.AllocateUninitializedArray<byte>(Math.Max(MinBufferSize, (int)BitOperations.RoundUpToPowerOf2((uint)length)));
    }

    /// <summary>Keeps a buffer for the next datagram, or gives a large one back to the shared pool. Under the lock.</summary>
    private void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length > MaxKeptBufferSize)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        else if (_spareCount < _spares.Length)
        {
            _spares[_spareCount++] = buffer;
        }
    }
}
