using System.Diagnostics;

namespace Loci.Prefixes.Tests;

public class EidTableConcurrencyTests
{
    [Fact]
    public async Task Readers_WhileWriterInsertsAndRemoves_NeverSeeTornOrInconsistentTable()
    {
        // Invariants a torn or half-published table would break:
        //  1. a lookup's value is the prefix it matched (each entry stores its own prefix);
        //  2. pairs are written in one batch, so a snapshot holds both halves of a pair or neither;
        //  3. a snapshot's Count equals the number of entries it enumerates;
        //  4. the anchor /8 is never removed, so every query under it matches something.
        var table = new EidTable<EidPrefix>();
        var anchor = EidPrefix.Parse("10.0.0.0/8");
        table.Set(anchor, anchor);
        var pairs = Enumerable.Range(0, 256)
            .Select(i => (A: new EidPrefix(EidFamily.IPv4, 0x0A000000u | ((uint)i << 8), 24), B: new EidPrefix(EidFamily.IPv6, (UInt128)i << 100, 28, 9)))
            .ToArray();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var failures = new List<string>();
        long reads = 0, writes = 0;

        // Dedicated threads: pool threads may all be busy with other test classes, and readers
        // that start after the writer ends would check nothing.
        var writer = Task.Factory.StartNew(() =>
        {
            var random = new Random(1);
            while (!stop.IsCancellationRequested && writes < 200_000)
            {
                var (a, b) = pairs[random.Next(pairs.Length)];
                table.Update(w =>
                {
                    if (w.TryGetValue(a, out _))
                    {
                        w.Remove(a);
                        w.Remove(b);
                    }
                    else
                    {
                        w.Set(a, a);
                        w.Set(b, b);
                    }
                });

                // A single-edit write too, with a more specific route that comes and goes.
                var host = new EidPrefix(EidFamily.IPv4, 0x0A000000u | (uint)random.Next(1 << 16), 32);
                if (!table.Remove(host))
                {
                    table.Set(host, host);
                }

                Interlocked.Increment(ref writes);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var readers = Enumerable.Range(0, 2).Select(seed => Task.Factory.StartNew(() =>
        {
            var random = new Random(seed + 100);
            while (!writer.IsCompleted)
            {
                var snapshot = table.Current;
                var query = new EidPrefix(EidFamily.IPv4, 0x0A000000u | (uint)random.Next(1 << 24), 32);
                if (!table.TryLookup(query, out var match, out var value) || value != match || !match.Contains(query))
                {
                    Fail(failures, $"lookup {query} -> {match} = {value}");
                }

                var (a, b) = pairs[random.Next(pairs.Length)];
                if (snapshot.ContainsPrefix(a) != snapshot.ContainsPrefix(b))
                {
                    Fail(failures, $"pair {a} / {b} half published");
                }

                if (random.Next(200) == 0 && snapshot.Entries.Count() != snapshot.Count)
                {
                    Fail(failures, "snapshot Count differs from its entries");
                }

                Interlocked.Increment(ref reads);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll([writer, .. readers]).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(writer.IsCompletedSuccessfully, writer.Exception?.ToString() ?? "writer did not finish in time");
        Assert.All(readers, r => Assert.True(r.IsCompletedSuccessfully, r.Exception?.ToString()));
        Assert.Empty(failures);
        Assert.True(writes > 100 && reads > 1000, $"too little work to mean anything: {writes} writes, {reads} reads in {clock.Elapsed}");
    }

    private static void Fail(List<string> failures, string message)
    {
        lock (failures)
        {
            if (failures.Count < 10)
            {
                failures.Add(message);
            }
        }
    }
}
